package dev.retain.service;

import dev.retain.events.Event;
import dev.retain.events.Events;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opened, solved and reopened tickets become behavioural events of their customer ({@code ticket_created},
 * {@code ticket_solved}, {@code ticket_reopened}, with the ticket's number), so event-triggered journeys and real-time
 * segments react to them. Recorded after the change commits, by the application itself (the event log's monthly
 * partitions are the application's to create).
 */
@Component
class TicketEventsForJourneys {

    static final String CREATED = "ticket_created";
    static final String SOLVED = "ticket_solved";
    static final String REOPENED = "ticket_reopened";

    private final Events events;

    TicketEventsForJourneys(Events events) {
        this.events = events;
    }

    @ApplicationModuleListener
    void on(TicketCreated created) {
        Map<String, String> properties = properties(created.ticketId(), created.number());
        properties.put("channel", created.channel().name());
        if (created.categoryId() != null) {
            properties.put("category_id", Long.toString(created.categoryId()));
        }
        events.record(new Event(created.customerId(), CREATED, created.at(), properties));
    }

    @ApplicationModuleListener
    void on(TicketSolved solved) {
        events.record(
                new Event(solved.customerId(), SOLVED, solved.at(), properties(solved.ticketId(), solved.number())));
    }

    @ApplicationModuleListener
    void on(TicketReopened reopened) {
        Map<String, String> properties = properties(reopened.ticketId(), reopened.number());
        properties.put("reopen_count", Integer.toString(reopened.reopenCount()));
        events.record(new Event(reopened.customerId(), REOPENED, reopened.at(), properties));
    }

    private static Map<String, String> properties(long ticketId, long number) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("ticket_id", Long.toString(ticketId));
        properties.put("ticket_number", Long.toString(number));
        return properties;
    }
}
