package dev.retain.predict;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A customer's lifetime value and churn scores: exported, and deleted on erasure. */
@Component
class PredictPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("clv_scores", "churn_scores", "churn_risk_baseline");

    private final PersonalDataRows rows;

    PredictPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String module() {
        return "predict";
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
