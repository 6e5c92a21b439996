package dev.retain.customers;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notes on a customer: written by a user (audited), listed newest first, and moved with the customer's merge — the
 * survivor shows the merged customer's notes, and an unmerge takes back the ones the merge moved.
 */
@Service
public class CustomerNotes {

    /** The longest note, in characters. */
    public static final int MAX_LENGTH = 4000;

    private static final String COLUMNS = "id, customer_id, body, author, created_at";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final AuditLog audit;
    private final Clock clock;

    CustomerNotes(JdbcClient jdbc, Customers customers, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds a note by the signed-in user (or API key); leading and trailing blanks are dropped.
     *
     * @throws InvalidInputException the body is blank or longer than {@link #MAX_LENGTH}
     * @throws dev.retain.platform.NotFoundException the customer does not exist
     * @throws ConflictException the customer was merged into another one (note that one)
     */
    @Transactional
    public CustomerNote add(long customerId, String body) {
        Customer customer = customers.find(customerId);
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new InvalidInputException("body", "must not be blank");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("body", "at most " + MAX_LENGTH + " characters");
        }
        if (customer.mergedInto() != null) {
            throw new ConflictException(
                    "Customer " + customerId + " was merged into customer " + customer.mergedInto());
        }
        CustomerNote note = jdbc.sql("insert into customer_notes (customer_id, body, author, created_at)"
                        + " values (?, ?, ?, ?) returning " + COLUMNS)
                .params(customerId, text, AuditLog.currentActor(), Timestamp.from(clock.instant()))
                .query(CustomerNotes::map)
                .single();
        audit.record("note", "customer", customerId, null, note);
        return note;
    }

    /**
     * The customer's notes written before {@code before} (all when null), newest first, at most {@code limit}.
     *
     * @throws dev.retain.platform.NotFoundException the customer does not exist
     */
    public List<CustomerNote> of(long customerId, Instant before, int limit) {
        customers.find(customerId);
        return before(customerId, before == null ? CustomerTimeline.END_OF_TIME : before, limit);
    }

    /** A note with the name of the customer it is on, for lists that span customers. */
    public record OnCustomer(CustomerNote note, String customerName) {}

    /** The latest notes on the customers a user owns, newest first, at most {@code limit}. */
    public List<OnCustomer> latestOnCustomersOwnedBy(long ownerId, int limit) {
        return jdbc.sql("""
                        select n.id, n.customer_id, n.body, n.author, n.created_at, c.name
                        from customers c
                        cross join lateral (select * from customer_notes n where n.customer_id = c.id
                                            order by n.created_at desc, n.id desc limit ?) n
                        where c.owner_id = ? and c.merged_into is null
                        order by n.created_at desc, n.id desc limit ?""")
                .params(limit, ownerId, limit)
                .query((rs, row) -> new OnCustomer(map(rs, row), rs.getString(6)))
                .list();
    }

    /** Reads the index {@code (customer_id, created_at desc, id desc)} and stops after {@code limit} rows. */
    List<CustomerNote> before(long customerId, Instant before, int limit) {
        return jdbc.sql("select " + COLUMNS + " from customer_notes where customer_id = ? and created_at < ?"
                        + " order by created_at desc, id desc limit ?")
                .params(customerId, Timestamp.from(before), limit)
                .query(CustomerNotes::map)
                .list();
    }

    /** In the merge's transaction: the merged customer's notes go to the survivor, remembered for an unmerge. */
    void moveOnMerge(long mergeId, long survivorId, long mergedId) {
        jdbc.sql("""
                        with moved as (update customer_notes set customer_id = ? where customer_id = ? returning id)
                        insert into customer_note_merge_moves (merge_id, note_id) select ?, id from moved""").params(survivorId, mergedId, mergeId).update();
    }

    /** In the unmerge's transaction: the notes the merge moved go back to the merged customer. */
    void moveBackOnUnmerge(long mergeId, long mergedId) {
        jdbc.sql("""
                        update customer_notes set customer_id = ?
                        where id in (select note_id from customer_note_merge_moves where merge_id = ?)""").params(mergedId, mergeId).update();
        jdbc.sql("delete from customer_note_merge_moves where merge_id = ?")
                .param(mergeId)
                .update();
    }

    private static CustomerNote map(ResultSet rs, int row) throws SQLException {
        return new CustomerNote(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
