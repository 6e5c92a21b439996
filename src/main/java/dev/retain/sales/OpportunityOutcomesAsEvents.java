package dev.retain.sales;

import dev.retain.events.Event;
import dev.retain.events.Events;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A won or lost opportunity becomes a behavioural event of its customer ({@code opportunity_won},
 * {@code opportunity_lost}, with the amount), so journeys triggered by events start from it. Recorded after the
 * outcome commits, by the application itself: the event log's monthly partitions are the application's to create.
 */
@Component
class OpportunityOutcomesAsEvents {

    static final String WON = "opportunity_won";
    static final String LOST = "opportunity_lost";

    private final Events events;

    OpportunityOutcomesAsEvents(Events events) {
        this.events = events;
    }

    @ApplicationModuleListener
    void on(OpportunityWon won) {
        Map<String, String> properties =
                properties(won.opportunityId(), won.amount().toPlainString());
        if (won.orderId() != null) {
            properties.put("order_id", Long.toString(won.orderId()));
        }
        events.record(new Event(won.customerId(), WON, won.at(), properties));
    }

    @ApplicationModuleListener
    void on(OpportunityLost lost) {
        Map<String, String> properties =
                properties(lost.opportunityId(), lost.amount().toPlainString());
        properties.put("reason", lost.reason());
        events.record(new Event(lost.customerId(), LOST, lost.at(), properties));
    }

    private static Map<String, String> properties(long opportunityId, String amount) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("opportunity_id", Long.toString(opportunityId));
        properties.put("amount", amount);
        return properties;
    }
}
