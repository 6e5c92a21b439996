package dev.retain.tasks;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A customer's tasks (their titles and notes may describe the person): exported, and deleted on erasure. */
@Component
class TasksPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("tasks");

    private final PersonalDataRows rows;

    TasksPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String module() {
        return "tasks";
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
        rows.delete(customer.id(), "tasks");
    }
}
