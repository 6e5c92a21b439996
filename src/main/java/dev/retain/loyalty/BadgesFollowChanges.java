package dev.retain.loyalty;

import dev.retain.commerce.OrdersRecorded;
import dev.retain.events.EventsRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Orders or events of some customers changed: the badges they now qualify for are awarded at once. Large batches (an
 * import, "many customers") are left to the nightly run, which covers everyone in one set-based pass.
 */
@Component
class BadgesFollowChanges {

    private final BadgeAwarding awarding;

    BadgesFollowChanges(BadgeAwarding awarding) {
        this.awarding = awarding;
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        if (!orders.manyCustomers()) {
            awarding.run(orders.customerIds());
        }
    }

    @ApplicationModuleListener
    void on(EventsRecorded recorded) {
        if (!recorded.manyCustomers()) {
            awarding.run(recorded.customerIds());
        }
    }
}
