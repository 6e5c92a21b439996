package dev.retain.service;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Canned replies: kept by admins and managers, inserted by agents into a reply with the placeholders filled in for
 * the ticket at hand. Unknown placeholders are refused when the reply is saved, so an agent never sends one unfilled.
 */
@Service
public class CannedReplies {

    public static final int MAX_TITLE = 100;
    public static final int MAX_BODY = 5000;
    /** The placeholders a canned reply may use. */
    public static final List<String> PLACEHOLDERS = List.of("customer.name", "ticket.number", "agent.name");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z._]+)\\s*}}");

    private final JdbcClient jdbc;
    private final AuditLog audit;

    CannedReplies(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<CannedReply> all() {
        return jdbc.sql("select id, title, body, active from canned_replies order by active desc, title")
                .query((rs, n) -> new CannedReply(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    public List<CannedReply> active() {
        return all().stream().filter(CannedReply::active).toList();
    }

    public Optional<CannedReply> find(long id) {
        return all().stream().filter(reply -> reply.id() == id).findFirst();
    }

    @Transactional
    public CannedReply create(String title, String body) {
        String[] checked = check(title, body);
        try {
            long id = jdbc.sql("insert into canned_replies (title, body) values (?, ?) returning id")
                    .params(checked[0], checked[1])
                    .query(Long.class)
                    .single();
            CannedReply created = find(id).orElseThrow();
            audit.record("create", "canned_reply", id, null, created);
            return created;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A canned reply titled " + checked[0] + " exists already");
        }
    }

    @Transactional
    public CannedReply update(long id, String title, String body, boolean active) {
        CannedReply before = find(id).orElseThrow(() -> new NotFoundException("Canned reply", id));
        String[] checked = check(title, body);
        try {
            jdbc.sql("update canned_replies set title = ?, body = ?, active = ?, updated_at = now() where id = ?")
                    .params(checked[0], checked[1], active, id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A canned reply titled " + checked[0] + " exists already");
        }
        CannedReply after = find(id).orElseThrow();
        audit.record("change", "canned_reply", id, before, after);
        return after;
    }

    /** The reply's text for this ticket and agent: each placeholder replaced by its value (empty when unknown). */
    public static String render(String body, Ticket ticket, String agentName) {
        Map<String, String> values = Map.of(
                "customer.name", ticket.customerName() == null ? "" : ticket.customerName(),
                "ticket.number", ticket.reference(),
                "agent.name", agentName == null ? "" : agentName);
        Matcher matcher = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String[] check(String title, String body) {
        Map<String, String> problems = new LinkedHashMap<>();
        String t = title == null ? "" : title.strip();
        String b = body == null ? "" : body.strip();
        if (t.isEmpty()) {
            problems.put("title", "is empty");
        } else if (t.length() > MAX_TITLE) {
            problems.put("title", "at most " + MAX_TITLE + " characters");
        }
        if (b.isEmpty()) {
            problems.put("body", "is empty");
        } else if (b.length() > MAX_BODY) {
            problems.put("body", "at most " + MAX_BODY + " characters");
        } else {
            Matcher matcher = PLACEHOLDER.matcher(b);
            while (matcher.find()) {
                if (!PLACEHOLDERS.contains(matcher.group(1))) {
                    problems.put("body", "unknown placeholder {{" + matcher.group(1) + "}}; use " + PLACEHOLDERS);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new String[] {t, b};
    }
}
