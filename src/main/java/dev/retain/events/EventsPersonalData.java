package dev.retain.events;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A customer's behavioural events: exported, and deleted on erasure. */
@Component
class EventsPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("events");

    private final PersonalDataRows rows;

    EventsPersonalData(PersonalDataRows rows) {
        this.rows = rows;
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

    @Override
    public void erase(ErasedCustomer customer) {
        rows.delete(customer.id(), "events");
    }
}
