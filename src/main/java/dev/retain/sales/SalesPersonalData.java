package dev.retain.sales;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
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

    SalesPersonalData(PersonalDataRows rows) {
        this.rows = rows;
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

    @Override
    public void erase(ErasedCustomer customer) {
        rows.delete(customer.id(), TABLES.toArray(String[]::new));
    }
}
