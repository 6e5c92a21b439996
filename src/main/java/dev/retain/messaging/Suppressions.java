package dev.retain.messaging;

import dev.retain.customers.Customers;
import dev.retain.platform.AuditLog;
import dev.retain.platform.ForbiddenException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import dev.retain.platform.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suppression list: customers not to be sent to on a channel or on all of them (unsubscribed, bounced, no
 * consent, or by hand). Checked when a message is asked for and again just before it is sent.
 */
@Service
public class Suppressions {

    /** The longest reason for lifting an entry, kept in the audit log. */
    public static final int MAX_LIFT_REASON = 1000;

    private static final String COLUMNS = "customer_id, channel, reason, note, at, created_by";

    private final JdbcClient jdbc;
    private final Customers customers;
    private final AuditLog audit;
    private final Clock clock;

    Suppressions(JdbcClient jdbc, Customers customers, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    /** The suppression that stops messages to this customer on this channel, if any. */
    public Optional<Suppression> matching(long customerId, Channel channel) {
        return jdbc.sql("select " + COLUMNS + " from suppressions where customer_id = ? and channel in (?, 'ALL')"
                        + " order by channel = 'ALL' limit 1")
                .params(customerId, channel.name())
                .query(Suppressions::map)
                .optional();
    }

    public List<Suppression> of(long customerId) {
        return jdbc.sql("select " + COLUMNS + " from suppressions where customer_id = ? order by at desc")
                .param(customerId)
                .query(Suppressions::map)
                .list();
    }

    public PageOf<Suppression> list(int page, int size) {
        long total =
                jdbc.sql("select count(*) from suppressions").query(Long.class).single();
        List<Suppression> items = jdbc.sql("select " + COLUMNS + " from suppressions order by at desc limit ? offset ?")
                .params(size, (long) page * size)
                .query(Suppressions::map)
                .list();
        return new PageOf<>(items, page, size, total);
    }

    /**
     * Adds a customer to the list for a channel ({@code null}: all channels). An existing entry is kept as it is, unless
     * the customer now chose what staff or a bounce had decided (an unsubscribe replaces it, so that only an admin may
     * lift it), or the entry was copied from a merged customer (it becomes this customer's own).
     */
    @Transactional
    public Suppression add(long customerId, Channel channel, SuppressionReason reason, String note) {
        customers.find(customerId);
        String key = channel == null ? "ALL" : channel.name();
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        Optional<Suppression> existing = find(customerId, key);
        if (existing.isEmpty()) {
            int added = jdbc.sql("""
                            insert into suppressions (customer_id, channel, reason, note, at, created_by)
                            values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(
                            customerId,
                            key,
                            reason.name(),
                            cleanNote,
                            Timestamp.from(clock.instant()),
                            AuditLog.currentActor())
                    .update();
            Suppression suppression = find(customerId, key).orElseThrow();
            if (added > 0) {
                audit.record("create", "suppression", customerId + ":" + key, null, suppression);
            }
            return suppression;
        }
        Suppression before = existing.get();
        boolean copied = copiedByMerge(customerId, key);
        boolean customerNowChose = reason.chosenByCustomer() && !before.chosenByCustomer();
        boolean wouldUndoTheirChoice = before.chosenByCustomer() && !reason.chosenByCustomer();
        if (customerNowChose || (copied && !wouldUndoTheirChoice)) {
            jdbc.sql("""
                            update suppressions set reason = ?, note = ?, at = ?, created_by = ?, merge_id = null
                            where customer_id = ? and channel = ?""")
                    .params(
                            reason.name(),
                            cleanNote,
                            Timestamp.from(clock.instant()),
                            AuditLog.currentActor(),
                            customerId,
                            key)
                    .update();
        } else if (copied) {
            // The customer's choice stays as it was, now the survivor's own.
            jdbc.sql("update suppressions set merge_id = null where customer_id = ? and channel = ?")
                    .params(customerId, key)
                    .update();
        } else {
            return before;
        }
        Suppression after = find(customerId, key).orElseThrow();
        audit.record("update", "suppression", customerId + ":" + key, before, after);
        return after;
    }

    /**
     * Takes a customer off the list for a channel. An entry the customer chose is lifted only by an admin who says
     * why; the others by anyone who keeps the list. The reason, when given, is kept in the audit log.
     *
     * @throws ForbiddenException the customer chose it and whoever acts is not an admin
     * @throws InvalidInputException the customer chose it and no reason is given, or the reason is too long
     */
    @Transactional
    public void lift(long customerId, Channel channel, String reason) {
        String key = channel == null ? "ALL" : channel.name();
        Suppression before =
                find(customerId, key).orElseThrow(() -> new NotFoundException("Suppression", customerId + "/" + key));
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (before.chosenByCustomer()) {
            if (!Role.ADMIN.heldByCurrentActor()) {
                throw new ForbiddenException("Only an admin may lift a suppression the customer chose ("
                        + before.reason() + "), and must say why.");
            }
            if (why == null) {
                throw new InvalidInputException(
                        "reason", "say why a suppression the customer chose (" + before.reason() + ") is lifted");
            }
        }
        if (why != null && why.length() > MAX_LIFT_REASON) {
            throw new InvalidInputException("reason", "at most " + MAX_LIFT_REASON + " characters");
        }
        jdbc.sql("delete from suppressions where customer_id = ? and channel = ?")
                .params(customerId, key)
                .update();
        audit.record("lift", "suppression", customerId + ":" + key, before, why == null ? null : Map.of("reason", why));
    }

    /** Whether the entry is a copy made when another customer was merged into this one. */
    private boolean copiedByMerge(long customerId, String channel) {
        return jdbc.sql("select merge_id is not null from suppressions where customer_id = ? and channel = ?")
                .params(customerId, channel)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private Optional<Suppression> find(long customerId, String channel) {
        return jdbc.sql("select " + COLUMNS + " from suppressions where customer_id = ? and channel = ?")
                .params(customerId, channel)
                .query(Suppressions::map)
                .optional();
    }

    private static Suppression map(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("channel");
        return new Suppression(
                rs.getLong("customer_id"),
                channel.equals("ALL") ? null : Channel.valueOf(channel),
                SuppressionReason.valueOf(rs.getString("reason")),
                rs.getString("note"),
                rs.getTimestamp("at").toInstant(),
                rs.getString("created_by"));
    }
}
