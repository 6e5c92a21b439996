package dev.retain.events.web;

import dev.retain.customers.ProfileSection;
import dev.retain.events.Events;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The latest events on the customer page. */
@Component
class EventsOnProfile implements ProfileSection {

    private final Events events;

    EventsOnProfile(Events events) {
        this.events = events;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String fragment() {
        return "events/profile :: events";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of("events", events.recentOf(customerId, 20));
    }
}
