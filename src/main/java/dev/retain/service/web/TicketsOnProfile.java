package dev.retain.service.web;

import dev.retain.customers.ProfileSection;
import dev.retain.service.Ticket;
import dev.retain.service.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The customer's tickets on the customer page: every open one, then the latest others, a few in all. */
@Component
class TicketsOnProfile implements ProfileSection {

    static final int SHOWN = 8;

    private final Tickets tickets;

    TicketsOnProfile(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public int order() {
        return 9;
    }

    @Override
    public String fragment() {
        return "service/profile :: tickets";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        List<Ticket> recent = tickets.ofCustomer(customerId, 50);
        List<Ticket> shown =
                new ArrayList<>(recent.stream().filter(Ticket::open).toList());
        recent.stream().filter(t -> !t.open() && t.mergedInto() == null).forEach(shown::add);
        return Map.of(
                "tickets",
                shown.subList(0, Math.min(SHOWN, shown.size())),
                "open",
                recent.stream().filter(Ticket::open).count());
    }
}
