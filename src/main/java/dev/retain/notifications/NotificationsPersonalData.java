package dev.retain.notifications;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Staff notifications about a customer: exported, and deleted on erasure. */
@Component
class NotificationsPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("notifications");

    private final PersonalDataRows rows;

    NotificationsPersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String module() {
        return "notifications";
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
        rows.delete(customer.id(), "notifications");
    }
}
