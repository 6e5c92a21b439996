package dev.retain.segments;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A customer's RFM scores and history, tag and segment memberships: exported, and deleted on erasure. */
@Component
class SegmentsPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES =
            List.of("rfm_scores", "rfm_history", "audience_members", "audience_changes", "segment_reevaluations");

    private final PersonalDataRows rows;

    SegmentsPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String module() {
        return "segments";
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
