package dev.retain.segments;

import dev.retain.commerce.OrdersRecorded;
import dev.retain.customers.CustomersChanged;
import dev.retain.customers.CustomersMerged;
import dev.retain.events.EventsRecorded;
import java.util.List;
import java.util.Set;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Real-time evaluation: when orders, events or profiles change, the customers concerned are queued, and the dynamic
 * audiences those changes can affect are evaluated again for them (for everyone at once after a large import). A merge moves the merged
 * customer's manual tags to the survivor; the moved orders and events re-evaluate both.
 */
@Component
class SegmentsFollowChanges {

    private final AudienceEvaluation evaluation;
    private final RealTimeQueue queue;

    SegmentsFollowChanges(AudienceEvaluation evaluation, RealTimeQueue queue) {
        this.evaluation = evaluation;
        this.queue = queue;
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        follow(orders.manyCustomers(), orders.customerIds(), DataChange.ORDERS);
    }

    @ApplicationModuleListener
    void on(EventsRecorded events) {
        follow(events.manyCustomers(), events.customerIds(), DataChange.EVENTS);
    }

    @ApplicationModuleListener
    void on(CustomersChanged customers) {
        follow(customers.manyCustomers(), customers.customerIds(), DataChange.PROFILE);
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        evaluation.copyManualTags(merge.mergedId(), merge.survivorId());
        queue.queue(List.of(merge.survivorId(), merge.mergedId()), DataChange.PROFILE);
    }

    /** A few customers wait in the queue for the next drain; after a large import everyone is evaluated at once. */
    private void follow(boolean manyCustomers, List<Long> customerIds, DataChange change) {
        if (manyCustomers) {
            evaluation.evaluateAffected(null, Set.of(change));
        } else {
            queue.queue(customerIds, change);
        }
    }
}
