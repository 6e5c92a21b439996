package dev.retain.loyalty;

import dev.retain.events.EventsRecorded;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Customer events recorded (one through the API or a module, or a batch of an import) earn the points of the event
 * rules; a change of the programme's settings (switched on, an earlier first day) earns the events since. Members
 * whose points now reach a higher tier move up in the same transaction.
 */
@Component
class EarningFollowsEvents {

    private final EventEarning earning;
    private final TierReview tiers;

    EarningFollowsEvents(EventEarning earning, TierReview tiers) {
        this.earning = earning;
        this.tiers = tiers;
    }

    @ApplicationModuleListener
    void on(EventsRecorded recorded) {
        List<Long> customers = recorded.manyCustomers() ? null : recorded.customerIds();
        if (earning.run(customers) > 0) {
            tiers.upgrade(customers);
        }
    }

    @ApplicationModuleListener
    void on(ProgrammeChanged change) {
        if (earning.run(null) > 0) {
            tiers.upgrade(null);
        }
    }
}
