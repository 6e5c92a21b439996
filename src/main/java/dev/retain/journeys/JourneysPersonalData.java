package dev.retain.journeys;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A customer's journey enrolments and steps: exported; on erasure kept for the journeys' results, without details. */
@Component
class JourneysPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("journey_enrolments", "journey_history");

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;

    JourneysPersonalData(PersonalDataRows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "journeys";
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
        // kept for the journeys' results and their lift against the holdout; the history's details may quote the
        // person (a message's variables), so they go
        jdbc.sql("update journey_history set detail = null where customer_id = ?")
                .param(customer.id())
                .update();
    }
}
