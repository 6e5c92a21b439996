package dev.retain.messaging.web;

import dev.retain.customers.ProfileSection;
import dev.retain.messaging.Deliveries;
import dev.retain.messaging.Suppressions;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The customer's latest messages with what became of them, and their suppressions. */
@Component
class DeliveriesOnProfile implements ProfileSection {

    private final Deliveries deliveries;
    private final Suppressions suppressions;

    DeliveriesOnProfile(Deliveries deliveries, Suppressions suppressions) {
        this.deliveries = deliveries;
        this.suppressions = suppressions;
    }

    @Override
    public int order() {
        return 12;
    }

    @Override
    public String fragment() {
        return "messaging/profile :: deliveries";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of(
                "customerId", customerId,
                "deliveries", deliveries.recentOf(customerId, 15),
                "suppressions", suppressions.of(customerId));
    }
}
