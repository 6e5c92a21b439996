package dev.retain.service;

import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerReviews;
import dev.retain.customers.Customers;
import dev.retain.customers.Email;
import dev.retain.customers.Identity;
import dev.retain.customers.LifecycleStage;
import dev.retain.platform.NotFoundException;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who a ticket is about: the customer named by id (who must be within the viewer's scope), or the one a phone or
 * email belongs to, found through the customers' identity resolution across every customer (the sender knows their
 * own phone); an unknown sender becomes a new prospect customer flagged for review.
 */
@Component
class TicketCustomers {

    static final String SOURCE = "service";

    /** The customer as the draft names them: their id when known, else the checked phone and email. */
    record Sender(Long customerId, String phone, String email, String displayName) {}

    private final Customers customers;
    private final CustomerReviews reviews;
    private final JdbcClient jdbc;
    private final String defaultRegion;

    TicketCustomers(
            Customers customers,
            CustomerReviews reviews,
            JdbcClient jdbc,
            @Value("${retain.default-region}") String defaultRegion) {
        this.customers = customers;
        this.reviews = reviews;
        this.jdbc = jdbc;
        this.defaultRegion = defaultRegion;
    }

    /** Checks how the draft names its customer, adding what is wrong to {@code problems}; writes nothing. */
    Sender sender(NewTicket draft, Map<String, String> problems) {
        if (draft.customerId() != null) {
            try {
                Customer customer = customers.find(draft.customerId());
                long id = customer.mergedInto() == null ? customer.id() : customer.mergedInto();
                return new Sender(id, null, null, customer.name());
            } catch (NotFoundException e) {
                problems.put("customerId", "no customer " + draft.customerId());
                return new Sender(null, null, null, null);
            }
        }
        String phone = null;
        String email = null;
        if (draft.phone() != null && !draft.phone().isBlank()) {
            try {
                phone = dev.retain.customers.Phone.parse(draft.phone(), defaultRegion)
                        .e164();
            } catch (IllegalArgumentException e) {
                problems.put("phone", e.getMessage());
            }
        }
        if (draft.email() != null && !draft.email().isBlank()) {
            try {
                email = Email.parse(draft.email()).address();
            } catch (IllegalArgumentException e) {
                problems.put("email", e.getMessage());
            }
        }
        if (phone == null && email == null && !problems.containsKey("phone") && !problems.containsKey("email")) {
            problems.put("customerId", "name the customer by customerId, phone or email");
        }
        String name = draft.name() == null || draft.name().isBlank()
                ? (email != null ? email : phone)
                : draft.name().strip();
        if (name != null && name.length() > 100) {
            problems.put("name", "at most 100 characters");
        }
        return new Sender(null, phone, email, name);
    }

    /**
     * The customer's id: found, or created as a prospect flagged for review. Runs in the opening transaction, as the
     * application: identity resolution looks across every customer.
     */
    long resolve(Sender sender, NewTicket draft, TicketChannel channel) {
        if (sender.customerId() != null) {
            return sender.customerId();
        }
        Optional<Long> known = Optional.empty();
        if (sender.phone() != null) {
            known = customers.idOf(new Identity("phone", sender.phone()));
        }
        if (known.isEmpty() && sender.email() != null) {
            known = customers.idOf(new Identity("email", sender.email()));
        }
        if (known.isPresent()) {
            Customer customer = customers.find(known.get());
            return customer.mergedInto() == null ? customer.id() : customer.mergedInto();
        }
        Customer created = customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                sender.displayName(),
                sender.phone(),
                sender.email(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                LifecycleStage.PROSPECT,
                SOURCE,
                Map.of()));
        reviews.flag(created.id(), "unknown sender of a ticket by " + channel.name());
        return created.id();
    }

    /** Whether the order is one of the customer's (read through the view commerce publishes). */
    boolean hasOrder(long customerId, long orderId) {
        return jdbc.sql("select exists (select 1 from orders_view where id = ? and customer_id = ?)")
                .params(orderId, customerId)
                .query(Boolean.class)
                .single();
    }
}
