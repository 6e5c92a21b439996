package dev.retain.sales;

import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.tasks.Task;
import dev.retain.tasks.Tasks;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Follow-up records: written by the signed-in user (audited), listed newest first. */
@Service
public class FollowUps {

    /** The longest content or outcome, in characters. */
    public static final int MAX_LENGTH = 4000;

    private static final String COLUMNS =
            "id, customer_id, kind, content, outcome, next_follow_up_at, task_id, author, created_at";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final Tasks tasks;
    private final AuditLog audit;
    private final Clock clock;

    FollowUps(JdbcClient jdbc, Customers customers, Tasks tasks, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.tasks = tasks;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a person records; {@code nextFollowUpAt} must be in the future when given. */
    public record NewFollowUp(FollowUpKind kind, String content, String outcome, Instant nextFollowUpAt, Long taskId) {}

    /**
     * Records a follow-up of the customer by the signed-in user; with a task of the customer, the task is done.
     *
     * @throws InvalidInputException no kind, blank or too long content, a next follow-up not in the future, a task
     *     that is not this customer's
     * @throws dev.retain.platform.NotFoundException the customer does not exist
     * @throws ConflictException the customer was merged into another one
     */
    @Transactional
    public FollowUp record(long customerId, NewFollowUp followUp) {
        Customer customer = customers.find(customerId);
        if (customer.mergedInto() != null) {
            throw new ConflictException(
                    "Customer " + customerId + " was merged into customer " + customer.mergedInto());
        }
        Instant now = clock.instant();
        validate(followUp, now);
        if (followUp.taskId() != null) {
            Task task = tasks.find(followUp.taskId());
            if (task.customerId() != customerId) {
                throw new InvalidInputException("taskId", "task " + task.id() + " is not a task of this customer");
            }
            if (task.status().equals("OPEN")) {
                tasks.close(task.id(), "DONE");
            }
        }
        FollowUp recorded = jdbc.sql("""
                        insert into follow_ups (customer_id, kind, content, outcome, next_follow_up_at, task_id, author,
                                                created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning\s""" + COLUMNS)
                .params(
                        customerId,
                        followUp.kind().name(),
                        followUp.content().strip(),
                        blankToNull(followUp.outcome()),
                        followUp.nextFollowUpAt() == null ? null : Timestamp.from(followUp.nextFollowUpAt()),
                        followUp.taskId(),
                        AuditLog.currentActor(),
                        Timestamp.from(now))
                .query(FollowUps::map)
                .single();
        audit.record("create", "follow_up", recorded.id(), null, recorded);
        return recorded;
    }

    /** The customer's follow-ups recorded before {@code before} (all when null), newest first, at most {@code limit}. */
    public List<FollowUp> of(long customerId, Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from follow_ups where customer_id = ?"
                        + " and created_at < coalesce(cast(? as timestamptz), 'infinity')"
                        + " order by created_at desc, id desc limit ?")
                .params(customerId, before == null ? null : Timestamp.from(before), limit)
                .query(FollowUps::map)
                .list();
    }

    /** A customer whose next planned follow-up has come or comes soon. */
    public record DueFollowUp(long customerId, String customerName, Instant nextFollowUpAt) {}

    /** The owner's customers whose next follow-up is planned before {@code until} (overdue ones included), soonest first. */
    public List<DueFollowUp> dueFor(long ownerId, Instant until, int limit) {
        return jdbc.sql("""
                        select c.id, c.name, f.next_follow_up_at
                        from follow_up_summaries_view f join customer_profiles_view c on c.id = f.customer_id
                        where c.owner_id = ? and f.next_follow_up_at < ?
                        order by f.next_follow_up_at, c.id limit ?""")
                .params(ownerId, Timestamp.from(until), limit)
                .query((rs, row) -> new DueFollowUp(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getTimestamp("next_follow_up_at").toInstant()))
                .list();
    }

    private static void validate(NewFollowUp followUp, Instant now) {
        if (followUp.kind() == null) {
            throw new InvalidInputException("kind", "one of " + List.of(FollowUpKind.values()));
        }
        if (followUp.content() == null || followUp.content().isBlank()) {
            throw new InvalidInputException("content", "must not be blank");
        }
        if (followUp.content().strip().length() > MAX_LENGTH) {
            throw new InvalidInputException("content", "at most " + MAX_LENGTH + " characters");
        }
        if (followUp.outcome() != null && followUp.outcome().strip().length() > MAX_LENGTH) {
            throw new InvalidInputException("outcome", "at most " + MAX_LENGTH + " characters");
        }
        if (followUp.nextFollowUpAt() != null && !followUp.nextFollowUpAt().isAfter(now)) {
            throw new InvalidInputException("nextFollowUpAt", "must be in the future");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static FollowUp map(ResultSet rs, int row) throws SQLException {
        Timestamp next = rs.getTimestamp("next_follow_up_at");
        return new FollowUp(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                FollowUpKind.valueOf(rs.getString("kind")),
                rs.getString("content"),
                rs.getString("outcome"),
                next == null ? null : next.toInstant(),
                rs.getObject("task_id", Long.class),
                rs.getString("author"),
                rs.getTimestamp("created_at").toInstant());
    }
}
