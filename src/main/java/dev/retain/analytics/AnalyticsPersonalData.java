package dev.retain.analytics;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A customer's order summary (first and last order, revenue): exported; on erasure kept like the orders it sums up. */
@Component
class AnalyticsPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("analytics_buyers");

    private final PersonalDataRows rows;

    AnalyticsPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String module() {
        return "analytics";
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
        // a summary of the orders commerce keeps, rebuilt from them: it names no one
    }
}
