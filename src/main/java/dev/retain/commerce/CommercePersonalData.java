package dev.retain.commerce;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A customer's orders and their lines: exported; on erasure kept for the company's accounts, naming no one. */
@Component
class CommercePersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("orders", "order_lines");

    private final PersonalDataRows rows;

    CommercePersonalData(PersonalDataRows rows) {
        this.rows = rows;
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

    @Override
    public void erase(ErasedCustomer customer) {
        // kept for the accounts: an order holds what was bought and paid and a customer id that names no one once
        // the customer is gone
    }
}
