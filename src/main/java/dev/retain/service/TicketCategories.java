package dev.retain.service;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The categories of tickets: a short list admins keep, in both languages; one in use is deactivated, not deleted. */
@Service
public class TicketCategories {

    static final int MAX_NAME = 60;

    private final JdbcClient jdbc;
    private final AuditLog audit;

    TicketCategories(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Every category, active ones first, in their order. */
    public List<TicketCategory> all() {
        return jdbc.sql("""
                        select id, name_zh, name_en, position, active from ticket_categories
                        order by active desc, position, id""").query(TicketCategories::category).list();
    }

    public List<TicketCategory> active() {
        return all().stream().filter(TicketCategory::active).toList();
    }

    public Optional<TicketCategory> find(long id) {
        return jdbc.sql("select id, name_zh, name_en, position, active from ticket_categories where id = ?")
                .param(id)
                .query(TicketCategories::category)
                .optional();
    }

    /** @throws InvalidInputException a blank or too long name; @throws ConflictException the Chinese name is taken */
    @Transactional
    public TicketCategory create(String nameZh, String nameEn) {
        String zh = name("nameZh", nameZh);
        String en = nameEn == null || nameEn.isBlank() ? zh : name("nameEn", nameEn);
        try {
            long id = jdbc.sql("""
                            insert into ticket_categories (name_zh, name_en, position)
                            values (?, ?, (select coalesce(max(position), 0) + 1 from ticket_categories)) returning id""").params(zh, en).query(Long.class).single();
            TicketCategory created = find(id).orElseThrow();
            audit.record("create", "ticket_category", id, null, created);
            return created;
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A category named " + zh + " exists already");
        }
    }

    /** Renames the category, or (de)activates it. */
    @Transactional
    public TicketCategory update(long id, String nameZh, String nameEn, boolean active) {
        TicketCategory before = find(id).orElseThrow(() -> new NotFoundException("Ticket category", id));
        String zh = name("nameZh", nameZh);
        String en = nameEn == null || nameEn.isBlank() ? zh : name("nameEn", nameEn);
        try {
            jdbc.sql("update ticket_categories set name_zh = ?, name_en = ?, active = ? where id = ?")
                    .params(zh, en, active, id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A category named " + zh + " exists already");
        }
        TicketCategory after = find(id).orElseThrow();
        audit.record("change", "ticket_category", id, before, after);
        return after;
    }

    private static String name(String field, String value) {
        Map<String, String> problems = new LinkedHashMap<>();
        String clean = value == null ? "" : value.strip();
        if (clean.isEmpty()) {
            problems.put(field, "is empty");
        } else if (clean.length() > MAX_NAME) {
            problems.put(field, "at most " + MAX_NAME + " characters");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return clean;
    }

    private static TicketCategory category(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new TicketCategory(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5));
    }
}
