package dev.retain.commerce;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's orders and their lines: exported; on erasure kept for the company's accounts, naming no one. */
@Component
class CommercePersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("orders", "order_lines");

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;

    CommercePersonalData(PersonalDataRows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "commerce";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long customerId) {
        return rows.of(customerId, TABLES);
    }

    /** Customers with an order since then. */
    @Override
    public Set<Long> activeSince(Instant since, List<Long> customerIds) {
        return Set.copyOf(jdbc.sql("""
                        select distinct customer_id from orders where customer_id = any (?) and ordered_at >= ?""")
                .params(customerIds.toArray(Long[]::new), Timestamp.from(since))
                .query(Long.class)
                .list());
    }

    @Override
    public void erase(ErasedCustomer customer) {
        // kept for the accounts: an order holds what was bought and paid and a customer id that names no one once
        // the customer is gone
    }
}
