package dev.retain.messaging;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What was sent to a customer, their suppressions and consents: exported. On erasure the delivery log keeps its rows for
 * caps, results and costs but loses recipient, subject, variables and errors; the outbox's copies and the consents go.
 */
@Component
class MessagingPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES =
            List.of("message_deliveries", "outbox_messages", "suppressions", "contact_consents");

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;

    MessagingPersonalData(PersonalDataRows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public String module() {
        return "messaging";
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
        jdbc.sql("""
                        update message_deliveries
                        set recipient = null, subject = null, variables = '{}', last_error = null
                        where customer_id = ?""").param(customer.id()).update();
        rows.delete(customer.id(), "outbox_messages", "suppressions", "contact_consents");
    }
}
