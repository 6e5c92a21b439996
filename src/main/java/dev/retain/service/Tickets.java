package dev.retain.service;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import dev.retain.platform.Role;
import dev.retain.platform.Team;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Opening tickets and finding them. Reads run within the viewer's data scope (a ticket is seen with its customer);
 * opening one checks every field first, so bad input writes nothing — not even the prospect customer an unknown
 * sender would become.
 */
@Service
public class Tickets {

    public static final int MAX_SUBJECT = 300;
    public static final int MAX_BODY = 20_000;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 40;
    public static final int MAX_SKU = 100;
    public static final int MAX_KEY = 200;

    /** Who may be given tickets. */
    public static final Set<Role> AGENT_ROLES = Set.of(Role.SERVICE, Role.MANAGER, Role.ADMIN);

    /** A ticket opened, and whether it was opened before by the same idempotency key (then nothing new was written). */
    public record Opened(Ticket ticket, boolean replayed) {}

    private final TicketStore store;
    private final TicketCustomers customers;
    private final TicketCategories categories;
    private final ServiceSettings settings;
    private final UserAccounts users;
    private final Teams teams;
    private final Clock clock;
    private final ObjectProvider<BreachingTickets> breaching;

    Tickets(
            TicketStore store,
            TicketCustomers customers,
            TicketCategories categories,
            ServiceSettings settings,
            UserAccounts users,
            Teams teams,
            Clock clock,
            ObjectProvider<BreachingTickets> breaching) {
        this.breaching = breaching;
        this.store = store;
        this.customers = customers;
        this.categories = categories;
        this.settings = settings;
        this.users = users;
        this.teams = teams;
        this.clock = clock;
    }

    /** The ticket, if the viewer may see it. */
    public Ticket find(long id) {
        return store.jdbc()
                .sql("select " + TicketRows.COLUMNS + TicketRows.FROM + "where t.id = ?")
                .param(id)
                .query(TicketRows::ticket)
                .optional()
                .orElseThrow(() -> new NotFoundException("Ticket", id));
    }

    /** The ticket, if the viewer may (still) see it: a change may have taken it out of their sight. */
    public Optional<Ticket> findIfVisible(long id) {
        return store.jdbc()
                .sql("select " + TicketRows.COLUMNS + TicketRows.FROM + "where t.id = ?")
                .param(id)
                .query(TicketRows::ticket)
                .optional();
    }

    /** The ticket people quote by this number ({@code 10023}), if the viewer may see it. */
    public Optional<Ticket> byNumber(long number) {
        return store.jdbc()
                .sql("select " + TicketRows.COLUMNS + TicketRows.FROM + "where t.number = ?")
                .param(number)
                .query(TicketRows::ticket)
                .optional();
    }

    /** The customer's tickets, newest first. */
    public List<Ticket> ofCustomer(long customerId, int limit) {
        return store.jdbc()
                .sql("select " + TicketRows.COLUMNS + TicketRows.FROM
                        + "where t.customer_id = ? order by t.created_at desc, t.id desc limit ?")
                .params(customerId, limit)
                .query(TicketRows::ticket)
                .list();
    }

    /** The customer's tickets created before {@code before} (all when null), newest first: for the timeline. */
    public List<Ticket> ofCustomerBefore(long customerId, Instant before, int limit) {
        return store.jdbc()
                .sql("select " + TicketRows.COLUMNS + TicketRows.FROM
                        + "where t.customer_id = ? and t.created_at < ? order by t.created_at desc, t.id desc limit ?")
                .params(customerId, TicketRows.timestamp(before == null ? Instant.MAX : before), limit)
                .query(TicketRows::ticket)
                .list();
    }

    /**
     * One page of the tickets the viewer sees through the query: open views oldest-waiting first and most urgent
     * first; solved and all, latest first.
     */
    public PageOf<Ticket> search(TicketQuery query, Long viewerId, int page, int size) {
        List<String> where = new ArrayList<>(List.of("true"));
        List<Object> params = new ArrayList<>();
        TicketView view = query.view() == null ? TicketView.OPEN : query.view();
        switch (view) {
            case MINE -> {
                where.add("t.status in " + TicketStatus.OPEN_SQL + " and t.assignee_id = ?");
                params.add(viewerId == null ? -1L : viewerId);
            }
            case TEAM -> {
                Optional<Team> team = viewerId == null ? Optional.empty() : teams.of(viewerId);
                where.add("t.status in " + TicketStatus.OPEN_SQL
                        + " and (t.assignee_id = any (?) or (t.assignee_id is null and t.team_id = ?))");
                params.add(team.map(t -> t.memberIds().toArray(Long[]::new)).orElse(new Long[0]));
                params.add(team.map(Team::id).orElse(-1L));
            }
            case UNASSIGNED -> where.add("t.status in " + TicketStatus.OPEN_SQL + " and t.assignee_id is null");
            case OPEN -> where.add("t.status in " + TicketStatus.OPEN_SQL);
            case BREACHING -> {
                BreachingTickets sla = breaching.getIfAvailable();
                where.add("t.status in " + TicketStatus.OPEN_SQL + " and "
                        + (sla == null ? "false" : "(" + sla.condition(params) + ")"));
            }
            case SOLVED -> where.add("t.status in ('SOLVED', 'CLOSED') and t.merged_into is null");
            case ALL -> {}
        }
        if (query.status() != null) {
            where.add("t.status = ?");
            params.add(query.status().name());
        }
        if (query.priority() != null) {
            where.add("t.priority = ?");
            params.add(query.priority().name());
        }
        if (query.categoryId() != null) {
            where.add("t.category_id = ?");
            params.add(query.categoryId());
        }
        if (query.channel() != null) {
            where.add("t.channel = ?");
            params.add(query.channel().name());
        }
        if (query.assigneeId() != null) {
            where.add("t.assignee_id = ?");
            params.add(query.assigneeId());
        }
        if (query.customerId() != null) {
            where.add("t.customer_id = ?");
            params.add(query.customerId());
        }
        String text = query.text() == null ? "" : query.text().strip();
        if (!text.isEmpty()) {
            String digits = text.startsWith("#") ? text.substring(1) : text;
            String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            if (digits.matches("\\d{1,18}")) {
                where.add("(t.number = ? or t.subject ilike ? or c.name ilike ?)");
                params.add(Long.parseLong(digits));
            } else {
                where.add("(t.subject ilike ? or c.name ilike ?)");
            }
            params.add(like);
            params.add(like);
        }
        String condition = String.join(" and ", where);
        String order = view == TicketView.SOLVED || view == TicketView.ALL
                ? "t.updated_at desc, t.id desc"
                : "case t.priority when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end,"
                        + " t.created_at, t.id";
        int limit = Math.min(Math.max(size, 1), 200);
        int offset = Math.max(page, 0) * limit;
        long total = store.jdbc()
                .sql("select count(*)" + TicketRows.FROM + "where " + condition)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(limit);
        paged.add(offset);
        List<Ticket> items = store.jdbc()
                .sql("select " + TicketRows.COLUMNS + TicketRows.FROM + "where " + condition + " order by " + order
                        + " limit ? offset ?")
                .params(paged)
                .query(TicketRows::ticket)
                .list();
        return new PageOf<>(items, Math.max(page, 0), limit, total);
    }

    /** Opens a ticket as the signed-in agent or API key, without an idempotency key. */
    public Ticket open(NewTicket draft) {
        return open(draft, null).ticket();
    }

    /**
     * Opens a ticket with its first message (from the customer, or an agent's note of a call), for the customer named
     * by id (who must be within the viewer's scope) or found by phone or email — a new prospect customer, flagged for
     * review, when no one has them. The same idempotency key again answers the ticket it opened.
     *
     * @throws InvalidInputException naming each field that is wrong; nothing is written
     */
    public Opened open(NewTicket draft, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (key != null && key.length() > MAX_KEY) {
            throw new InvalidInputException("Idempotency-Key", "at most " + MAX_KEY + " characters");
        }
        if (key != null) {
            Optional<Ticket> earlier = byKey(key);
            if (earlier.isPresent()) {
                return new Opened(earlier.get(), true);
            }
        }
        Checked checked = check(draft);
        TicketCustomers.Sender sender = customers.sender(draft, checked.problems);
        if (!checked.problems.isEmpty()) {
            throw new InvalidInputException(checked.problems);
        }
        Optional<UserAccount> actor = users.current();
        String actorName = AuditLog.currentActor();
        Instant now = clock.instant();
        Long teamId =
                draft.teamId() != null ? draft.teamId() : settings.current().defaultTeamId();
        // an agent logging a call takes the ticket unless they give it to someone else
        Long assigneeId = draft.assigneeId() != null
                ? draft.assigneeId()
                : agentLogged(draft.channel()) ? actor.map(UserAccount::id).orElse(null) : null;
        TicketStatus status = assigneeId == null ? TicketStatus.NEW : TicketStatus.OPEN;
        try {
            Ticket ticket = store.unscoped(() -> {
                long customerId = customers.resolve(sender, draft, checked.channel);
                if (draft.orderId() != null && !customers.hasOrder(customerId, draft.orderId())) {
                    throw new InvalidInputException("orderId", "no order " + draft.orderId() + " of this customer");
                }
                long id = store.jdbc()
                        .sql("""
                                insert into tickets (customer_id, subject, channel, category_id, priority, status,
                                                     assignee_id, team_id, order_id, product_sku, tags, created_by,
                                                     created_at, updated_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                        .params(
                                customerId,
                                checked.subject,
                                checked.channel.name(),
                                draft.categoryId(),
                                checked.priority.name(),
                                status.name(),
                                assigneeId,
                                teamId,
                                draft.orderId(),
                                blankToNull(draft.productSku()),
                                checked.tags.toArray(String[]::new),
                                actorName,
                                TicketRows.timestamp(now),
                                TicketRows.timestamp(now))
                        .query(Long.class)
                        .single();
                boolean byAgent = agentLogged(checked.channel);
                store.insertMessage(
                        customerId,
                        id,
                        byAgent ? AuthorKind.AGENT : AuthorKind.CUSTOMER,
                        byAgent ? actor.map(UserAccount::id).orElse(null) : null,
                        byAgent ? actor.map(UserAccount::displayName).orElse(actorName) : sender.displayName(),
                        byAgent ? Visibility.INTERNAL : Visibility.PUBLIC,
                        checked.body,
                        blankToNull(draft.messageId()),
                        now);
                store.recordStatus(customerId, id, null, status, StatusChangeReason.CREATED, actorName, now);
                if (key != null) {
                    store.jdbc()
                            .sql("insert into ticket_keys (idempotency_key, customer_id, ticket_id, created_at)"
                                    + " values (?, ?, ?, ?)")
                            .params(key, customerId, id, TicketRows.timestamp(now))
                            .update();
                }
                Ticket created = find(id);
                store.publish(
                        new TicketCreated(id, created.number(), customerId, checked.channel, draft.categoryId(), now));
                return created;
            });
            return new Opened(ticket, false);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            if (key != null) {
                // the same key at the same moment: the other request opened it
                return byKey(key).map(t -> new Opened(t, true)).orElseThrow(() -> e);
            }
            throw new ConflictException("The ticket clashes with one stored at the same moment; try again");
        }
    }

    /** A call or visit an agent logs: the agent wrote the first message (as an internal note of what was said). */
    private static boolean agentLogged(TicketChannel channel) {
        return channel == TicketChannel.PHONE || channel == TicketChannel.AGENT;
    }

    private Optional<Ticket> byKey(String key) {
        return store.unscoped(() -> store.jdbc()
                        .sql("select ticket_id from ticket_keys where idempotency_key = ?")
                        .param(key)
                        .query(Long.class)
                        .optional())
                .map(this::find);
    }

    /** The draft's fields as they will be stored, and what is wrong with them. */
    private static final class Checked {
        final Map<String, String> problems = new LinkedHashMap<>();
        String subject;
        String body;
        TicketChannel channel;
        TicketPriority priority;
        List<String> tags;
    }

    private Checked check(NewTicket draft) {
        Checked checked = new Checked();
        checked.subject = draft.subject() == null ? "" : draft.subject().strip();
        if (checked.subject.isEmpty()) {
            checked.problems.put("subject", "is empty");
        } else if (checked.subject.length() > MAX_SUBJECT) {
            checked.problems.put("subject", "at most " + MAX_SUBJECT + " characters");
        }
        checked.body = draft.body() == null ? "" : draft.body().strip();
        if (checked.body.isEmpty()) {
            checked.problems.put("body", "is empty");
        } else if (checked.body.length() > MAX_BODY) {
            checked.problems.put("body", "at most " + MAX_BODY + " characters");
        }
        checked.channel = draft.channel() == null ? TicketChannel.API : draft.channel();
        checked.priority = draft.priority() == null ? TicketPriority.NORMAL : draft.priority();
        if (draft.categoryId() != null) {
            var category = categories.find(draft.categoryId());
            if (category.isEmpty()) {
                checked.problems.put("categoryId", "no category " + draft.categoryId());
            } else if (!category.get().active()) {
                checked.problems.put(
                        "categoryId", "the category " + category.get().nameZh() + " is no longer used");
            }
        }
        checkAssignee(draft.assigneeId(), checked.problems);
        if (draft.teamId() != null && teams.list().stream().noneMatch(t -> t.id() == draft.teamId())) {
            checked.problems.put("teamId", "no team " + draft.teamId());
        }
        if (draft.productSku() != null && draft.productSku().strip().length() > MAX_SKU) {
            checked.problems.put("productSku", "at most " + MAX_SKU + " characters");
        }
        if (draft.messageId() != null && draft.messageId().length() > 998) {
            checked.problems.put("messageId", "at most 998 characters");
        }
        checked.tags = tags(draft.tags(), checked.problems);
        return checked;
    }

    /** Adds a problem when the user cannot be given tickets (missing, disabled, or not an agent). */
    void checkAssignee(Long assigneeId, Map<String, String> problems) {
        if (assigneeId == null) {
            return;
        }
        Optional<UserAccount> user =
                users.list().stream().filter(u -> u.id() == assigneeId).findFirst();
        if (user.isEmpty()) {
            problems.put("assigneeId", "no user " + assigneeId);
        } else if (!user.get().enabled() || user.get().roles().stream().noneMatch(AGENT_ROLES::contains)) {
            problems.put("assigneeId", user.get().username() + " does not take tickets (SERVICE, MANAGER or ADMIN)");
        }
    }

    static List<String> tags(List<String> given, Map<String, String> problems) {
        Set<String> clean = new LinkedHashSet<>();
        for (String tag : given == null ? List.<String>of() : given) {
            String t = tag == null ? "" : tag.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > MAX_TAG) {
                problems.put("tags", "each at most " + MAX_TAG + " characters");
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            problems.put("tags", "at most " + MAX_TAGS + " tags");
        }
        return List.copyOf(clean);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
