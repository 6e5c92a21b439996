package dev.retain.tasks;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, listing and closing tasks. */
@Service
public class Tasks {

    static final Set<String> KINDS = Set.of("CALL", "VISIT", "MESSAGE", "OTHER");

    private final JdbcClient jdbc;
    private final Clock clock;

    Tasks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A task for the customer's owner (the assignee given, or nobody when the customer has no owner). Idempotent on
     * {@code createKey} when given: the same key returns the task created the first time.
     */
    @Transactional
    public Task create(
            long customerId,
            Long assigneeId,
            String kind,
            String title,
            String note,
            Instant dueAt,
            String sourceRef,
            String createKey) {
        String normalisedKind = kind == null ? "CALL" : kind.trim().toUpperCase(Locale.ROOT);
        if (!KINDS.contains(normalisedKind)) {
            throw new InvalidInputException("kind", "must be one of " + new java.util.TreeSet<>(KINDS));
        }
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "must not be blank");
        }
        Long id = jdbc.sql("""
                        insert into tasks (customer_id, assignee_id, kind, title, note, due_at, source_ref, create_key,
                                           created_at)
                        select p.id, coalesce(cast(:assignee as bigint), p.owner_id), :kind, :title, :note, :due,
                               :source, :key, :now
                        from customer_profiles_view p where p.id = :customer
                        on conflict (create_key) do nothing returning id""")
                .param("assignee", assigneeId)
                .param("kind", normalisedKind)
                .param("title", title.trim())
                .param("note", note)
                .param("due", Timestamp.from(dueAt))
                .param("source", sourceRef)
                .param("key", createKey)
                .param("now", Timestamp.from(clock.instant()))
                .param("customer", customerId)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (id == null && createKey != null) {
            id = jdbc.sql("select id from tasks where create_key = ?")
                    .param(createKey)
                    .query(Long.class)
                    .optional()
                    .orElse(null);
        }
        if (id == null) {
            throw new NotFoundException("customer", customerId);
        }
        return find(id);
    }

    public Task find(long id) {
        return jdbc.sql(SELECT + " where t.id = ?")
                .param(id)
                .query(this::task)
                .optional()
                .orElseThrow(() -> new NotFoundException("task", id));
    }

    /** A customer's tasks, open ones first, then the latest. */
    public List<Task> ofCustomer(long customerId) {
        return jdbc.sql(SELECT + " where t.customer_id = ? order by t.status <> 'OPEN', t.due_at desc limit 50")
                .param(customerId)
                .query(this::task)
                .list();
    }

    /** A user's open tasks, soonest due first. */
    public List<Task> openFor(long assigneeId) {
        return jdbc.sql(SELECT + " where t.assignee_id = ? and t.status = 'OPEN' order by t.due_at limit 200")
                .param(assigneeId)
                .query(this::task)
                .list();
    }

    /** A user's open tasks due before {@code until} (overdue ones included), soonest due first. */
    public List<Task> openDueBefore(long assigneeId, Instant until, int limit) {
        return jdbc.sql(SELECT + """
                         where t.assignee_id = ? and t.status = 'OPEN' and t.due_at < ?
                        order by t.due_at limit ?""")
                .params(assigneeId, Timestamp.from(until), limit)
                .query(this::task)
                .list();
    }

    /** Closes an open task as DONE or CANCELLED. */
    @Transactional
    public Task close(long id, String status) {
        if (!status.equals("DONE") && !status.equals("CANCELLED")) {
            throw new InvalidInputException("status", "DONE or CANCELLED");
        }
        find(id);
        jdbc.sql("update tasks set status = ?, done_at = ? where id = ? and status = 'OPEN'")
                .params(status, Timestamp.from(clock.instant()), id)
                .update();
        return find(id);
    }

    private static final String SELECT = """
            select t.id, t.customer_id, p.name, t.assignee_id, t.kind, t.title, t.note, t.due_at, t.status, t.source_ref,
                   t.created_at, t.done_at
            from tasks t left join customer_profiles_view p on p.id = t.customer_id""";

    private Task task(ResultSet rs, int row) throws SQLException {
        Timestamp done = rs.getTimestamp(12);
        return new Task(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getObject(4) == null ? null : rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                rs.getString(9),
                rs.getString(10),
                rs.getTimestamp(11).toInstant(),
                done == null ? null : done.toInstant());
    }
}
