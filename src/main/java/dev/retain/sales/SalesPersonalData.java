package dev.retain.sales;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's follow-ups, pool history, reminders and opportunities: exported, and deleted on erasure. */
@Component
class SalesPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of(
            "follow_ups",
            "customer_pool_moves",
            "customer_pool_locks",
            "customer_pool_reminders",
            "opportunities",
            "opportunity_lines",
            "opportunity_moves");

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;

    SalesPersonalData(PersonalDataRows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "sales";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long customerId) {
        return rows.of(customerId, TABLES);
    }

    /** Customers followed up, or with an opportunity moving, since then. */
    @Override
    public Set<Long> activeSince(Instant since, List<Long> customerIds) {
        Long[] ids = customerIds.toArray(Long[]::new);
        return Set.copyOf(jdbc.sql("""
                        select distinct customer_id from follow_ups where customer_id = any (?) and created_at >= ?
                        union select customer_id from opportunities where customer_id = any (?) and updated_at >= ?""")
                .params(ids, Timestamp.from(since), ids, Timestamp.from(since))
                .query(Long.class)
                .list());
    }

    @Override
    public void erase(ErasedCustomer customer) {
        rows.delete(customer.id(), TABLES.toArray(String[]::new));
    }
}
