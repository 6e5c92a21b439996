package dev.retain.messaging;

import dev.retain.customers.Customers;
import dev.retain.platform.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Explicit opt-ins per channel. Marketing messages need one only when {@code retain.messaging.require-opt-in} is true
 * (e.g. for customers in jurisdictions that require it); unsubscribes are honoured either way.
 */
@Service
public class Consents {

    private final JdbcClient jdbc;
    private final Customers customers;
    private final AuditLog audit;
    private final Clock clock;

    Consents(JdbcClient jdbc, Customers customers, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean given(long customerId, Channel channel) {
        return jdbc.sql("select exists (select 1 from contact_consents where customer_id = ? and channel = ?)")
                .params(customerId, channel.name())
                .query(Boolean.class)
                .single();
    }

    public List<Channel> of(long customerId) {
        return jdbc.sql("select channel from contact_consents where customer_id = ? order by channel")
                .param(customerId)
                .query((rs, row) -> Channel.valueOf(rs.getString(1)))
                .list();
    }

    @Transactional
    public void give(long customerId, Channel channel, String source) {
        customers.find(customerId);
        int added = jdbc.sql("""
                        insert into contact_consents (customer_id, channel, source, at) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(customerId, channel.name(), source, Timestamp.from(clock.instant()))
                .update();
        if (added > 0) {
            audit.record(
                    "create", "consent", customerId + ":" + channel, null, java.util.Map.of("source", "" + source));
        }
    }

    @Transactional
    public void withdraw(long customerId, Channel channel) {
        int removed = jdbc.sql("delete from contact_consents where customer_id = ? and channel = ?")
                .params(customerId, channel.name())
                .update();
        if (removed > 0) {
            audit.record("delete", "consent", customerId + ":" + channel, java.util.Map.of("channel", channel), null);
        }
    }
}
