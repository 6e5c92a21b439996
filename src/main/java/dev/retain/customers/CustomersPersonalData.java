package dev.retain.customers;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A customer's contacts, identities, notes, custom field history and duplicate suggestions: exported, and deleted on
 * erasure (the profile itself and the merges it absorbed go last, in {@link CustomerErasure}).
 */
@Component
class CustomersPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of(
            "contacts",
            "customer_identities",
            "customer_notes",
            "custom_field_history",
            "duplicate_candidates",
            "customer_review_flags");

    private final PersonalDataRows rows;
    private final CustomerTable table;
    private final JdbcClient jdbc;

    CustomersPersonalData(PersonalDataRows rows, CustomerTable table, JdbcClient jdbc) {
        this.rows = rows;
        this.table = table;
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "customers";
    }

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(long customerId) {
        var export = rows.of(customerId, TABLES);
        // identities and contact people as the person knows them, not as stored (encrypted, by blind index)
        export.put(
                "customer_identities",
                table.identitiesOf(customerId).stream()
                        .map(identity -> Map.<String, Object>of("kind", identity.kind(), "value", identity.value()))
                        .toList());
        export.put(
                "contacts",
                table.contactsOf(customerId).stream()
                        .map(contact -> {
                            Map<String, Object> row = new java.util.LinkedHashMap<>();
                            row.put("id", contact.id());
                            row.put("name", contact.name());
                            row.put("title", contact.title());
                            row.put("phone", contact.phone());
                            row.put("email", contact.email());
                            return row;
                        })
                        .toList());
        return export;
    }

    @Override
    public void erase(ErasedCustomer customer) {
        rows.delete(customer.id(), TABLES.toArray(String[]::new));
        jdbc.sql("delete from duplicate_candidates where other_id = ?")
                .param(customer.id())
                .update();
    }
}
