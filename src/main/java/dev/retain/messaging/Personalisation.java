package dev.retain.messaging;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerKind;
import java.util.HashMap;
import java.util.Map;

/** The values a template sees for one customer: the caller's variables, the customer, and the unsubscribe link. */
final class Personalisation {

    private Personalisation() {}

    static Map<String, Object> context(Customer customer, Map<String, Object> variables, String unsubscribeUrl) {
        var person = new HashMap<String, Object>();
        person.put("name", customer.name());
        person.put("firstName", PersonalNames.firstName(customer.name(), customer.kind() == CustomerKind.COMPANY));
        person.put("city", customer.city());
        person.put("email", customer.email());
        person.put("phone", customer.phone());
        person.put("custom", customer.customFields() == null ? Map.of() : customer.customFields());
        var context = new HashMap<String, Object>(variables == null ? Map.of() : variables);
        context.put("customer", person);
        context.put("unsubscribe_url", unsubscribeUrl);
        return context;
    }

    /** The recipient's address on a channel, or null when the customer has none (webhooks go to the company's robot). */
    static String address(Customer customer, Channel channel) {
        return switch (channel) {
            case EMAIL -> customer.email();
            case SMS -> customer.phone();
            case WEBHOOK -> "webhook";
        };
    }
}
