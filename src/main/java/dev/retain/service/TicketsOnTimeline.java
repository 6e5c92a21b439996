package dev.retain.service;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tickets on the customer's timeline: opened when, by which channel, with their subject and where they stand now. */
@Component
class TicketsOnTimeline implements TimelineSource {

    private final Tickets tickets;

    TicketsOnTimeline(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public String kind() {
        return "ticket";
    }

    @Override
    public int order() {
        return 48;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return tickets.ofCustomerBefore(customerId, before, limit).stream()
                .map(ticket -> TimelineEntry.of(
                        ticket.createdAt(),
                        kind(),
                        "opened",
                        ticket.subject(),
                        "/tickets/" + ticket.id(),
                        ticket.reference(),
                        TimelineEntry.translated("service.channel." + ticket.channel()),
                        TimelineEntry.translated("service.status." + ticket.status())))
                .toList();
    }
}
