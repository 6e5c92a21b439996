package dev.retain.messaging;

import dev.retain.customers.Customers;
import dev.retain.platform.AuditLog;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
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

    /** Adds a customer to the list for a channel ({@code null}: all channels); an existing entry is kept as it is. */
    @Transactional
    public Suppression add(long customerId, Channel channel, SuppressionReason reason, String note) {
        customers.find(customerId);
        String key = channel == null ? "ALL" : channel.name();
        int added = jdbc.sql("""
                        insert into suppressions (customer_id, channel, reason, note, at, created_by)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(
                        customerId,
                        key,
                        reason.name(),
                        note == null || note.isBlank() ? null : note.strip(),
                        Timestamp.from(clock.instant()),
                        AuditLog.currentActor())
                .update();
        Suppression suppression = find(customerId, key).orElseThrow();
        if (added > 0) {
            audit.record("create", "suppression", customerId + ":" + key, null, suppression);
        }
        return suppression;
    }

    @Transactional
    public void remove(long customerId, Channel channel) {
        String key = channel == null ? "ALL" : channel.name();
        Suppression before =
                find(customerId, key).orElseThrow(() -> new NotFoundException("Suppression", customerId + "/" + key));
        jdbc.sql("delete from suppressions where customer_id = ? and channel = ?")
                .params(customerId, key)
                .update();
        audit.record("delete", "suppression", customerId + ":" + key, before, null);
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
