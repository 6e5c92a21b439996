package dev.retain.customers;

import dev.retain.platform.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers flagged for a person to look at: created by a channel from an unknown sender (a mail, a call from a new
 * number), so someone checks whether they are a new customer or a known one under another phone or address (and
 * merges them). The flag stays until a person clears it.
 */
@Service
public class CustomerReviews {

    /** Why a customer is flagged, when it was, and by whom. */
    public record ReviewFlag(long customerId, String reason, String flaggedBy, Instant flaggedAt) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    CustomerReviews(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Flags the customer (keeping the first reason when it is flagged already). */
    @Transactional
    public void flag(long customerId, String reason) {
        String shortReason = reason.length() > 200 ? reason.substring(0, 200) : reason;
        jdbc.sql("""
                        insert into customer_review_flags (customer_id, reason, flagged_by, flagged_at)
                        values (?, ?, ?, ?) on conflict (customer_id) do nothing""")
                .params(customerId, shortReason, AuditLog.currentActor(), Timestamp.from(clock.instant()))
                .update();
    }

    /** The customer's flag, if they are flagged (and within the viewer's scope). */
    public Optional<ReviewFlag> of(long customerId) {
        return jdbc.sql("""
                        select customer_id, reason, flagged_by, flagged_at from customer_review_flags
                        where customer_id = ?""")
                .param(customerId)
                .query((rs, n) -> new ReviewFlag(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()))
                .optional();
    }

    /** Someone looked at the customer: the flag goes, and the audit log says who cleared it. */
    @Transactional
    public void clear(long customerId) {
        int cleared = jdbc.sql("delete from customer_review_flags where customer_id = ?")
                .param(customerId)
                .update();
        if (cleared > 0) {
            audit.record("review", "customer", customerId, null, java.util.Map.of("reviewed", true));
        }
    }

    /** How many customers wait for a review (within the viewer's scope). */
    public long waiting() {
        return jdbc.sql("select count(*) from customer_review_flags")
                .query(Long.class)
                .single();
    }
}
