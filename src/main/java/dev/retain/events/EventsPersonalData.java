package dev.retain.events;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's behavioural events: exported, and deleted on erasure. */
@Component
class EventsPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("events");

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;

    EventsPersonalData(PersonalDataRows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "events";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long customerId) {
        return rows.of(customerId, TABLES);
    }

    /** Customers who came back (an event of theirs) since then. */
    @Override
    public Set<Long> activeSince(Instant since, List<Long> customerIds) {
        return Set.copyOf(jdbc.sql("""
                        select distinct customer_id from events where customer_id = any (?) and occurred_at >= ?""")
                .params(customerIds.toArray(Long[]::new), Timestamp.from(since))
                .query(Long.class)
                .list());
    }

    @Override
    public void erase(ErasedCustomer customer) {
        rows.delete(customer.id(), "events");
    }
}
