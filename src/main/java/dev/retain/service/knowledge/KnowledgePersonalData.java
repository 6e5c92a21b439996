package dev.retain.service.knowledge;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The articles put into replies on a customer's tickets: exported, and deleted on erasure. The articles' counts of
 * uses stay: they name no one.
 */
@Component
class KnowledgePersonalData implements PersonalDataHolder {

    private static final List<String> TABLES = List.of("article_uses");

    private final PersonalDataRows rows;

    KnowledgePersonalData(PersonalDataRows rows) {
        this.rows = rows;
    }

    @Override
    public String module() {
        return "service.knowledge";
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
        rows.delete(customer.id(), "article_uses");
    }
}
