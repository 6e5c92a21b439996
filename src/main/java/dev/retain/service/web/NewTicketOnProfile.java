package dev.retain.service.web;

import dev.retain.customers.ProfileAction;
import dev.retain.service.TicketCategories;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketPriority;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The quick action "new ticket" on the customer page, for the desk: a call or visit logged as a ticket. */
@Component
class NewTicketOnProfile implements ProfileAction {

    private final TicketCategories categories;

    NewTicketOnProfile(TicketCategories categories) {
        this.categories = categories;
    }

    @Override
    public String id() {
        return "ticket";
    }

    @Override
    public int order() {
        return 28;
    }

    @Override
    public String fragment() {
        return "service/profile :: action";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of(
                "categories",
                categories.active(),
                "priorities",
                TicketPriority.values(),
                "channels",
                List.of(TicketChannel.PHONE, TicketChannel.AGENT, TicketChannel.EMAIL));
    }
}
