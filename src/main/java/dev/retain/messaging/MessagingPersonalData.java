package dev.retain.messaging;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.customers.PersonalDataRows;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What was sent to a customer, their suppressions and consents: exported. On erasure the delivery log keeps its rows for
 * caps, results and costs but loses recipient, subject, variables and errors; the outbox's copies and the consents go;
 * an unsubscribe or bounce stays with the address alone ({@link ErasedSuppressions}).
 */
@Component
class MessagingPersonalData implements PersonalDataHolder {

    private static final List<String> TABLES =
            List.of("message_deliveries", "outbox_messages", "suppressions", "contact_consents");

    private final PersonalDataRows rows;
    private final JdbcClient jdbc;
    private final ErasedSuppressions erasedSuppressions;

    MessagingPersonalData(PersonalDataRows rows, JdbcClient jdbc, ErasedSuppressions erasedSuppressions) {
        this.rows = rows;
        this.jdbc = jdbc;
        this.erasedSuppressions = erasedSuppressions;
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
        keepUnsubscribesOfTheAddresses(customer);
        jdbc.sql("""
                        update message_deliveries
                        set recipient = null, subject = null, variables = '{}', last_error = null
                        where customer_id = ?""").param(customer.id()).update();
        rows.delete(customer.id(), "outbox_messages", "suppressions", "contact_consents");
    }

    /** The customer's unsubscribes and bounces stay with their addresses, by blind index, so they stay unsubscribed. */
    private void keepUnsubscribesOfTheAddresses(ErasedCustomer customer) {
        var kept = jdbc.sql("select channel, reason from suppressions where customer_id = ? and reason in (?, ?)")
                .params(customer.id(), SuppressionReason.UNSUBSCRIBED.name(), SuppressionReason.BOUNCED.name())
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        for (String[] suppression : kept) {
            SuppressionReason reason = SuppressionReason.valueOf(suppression[1]);
            for (var identity : customer.identities()) {
                Channel channel = identity.kind().equals("email")
                        ? Channel.EMAIL
                        : identity.kind().equals("phone") ? Channel.SMS : null;
                if (channel != null && (suppression[0].equals("ALL") || suppression[0].equals(channel.name()))) {
                    erasedSuppressions.remember(channel, identity.value(), reason);
                }
            }
        }
    }
}
