package dev.retain.segments;

import dev.retain.commerce.OrdersRecorded;
import dev.retain.customers.CustomersChanged;
import dev.retain.customers.CustomersMerged;
import dev.retain.events.EventsRecorded;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Real-time evaluation: when orders, events or profiles change, the dynamic audiences those changes can affect are
 * evaluated again for the customers concerned (for everyone after a large import). A merge moves the merged
 * customer's manual tags to the survivor; the moved orders and events re-evaluate both.
 */
@Component
class SegmentsFollowChanges {

    private final AudienceEvaluation evaluation;
    private final JdbcClient jdbc;

    SegmentsFollowChanges(AudienceEvaluation evaluation, JdbcClient jdbc) {
        this.evaluation = evaluation;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        evaluation.evaluateAffected(orders.manyCustomers() ? null : orders.customerIds(), Set.of(DataChange.ORDERS));
    }

    @ApplicationModuleListener
    void on(EventsRecorded events) {
        evaluation.evaluateAffected(events.manyCustomers() ? null : events.customerIds(), Set.of(DataChange.EVENTS));
    }

    @ApplicationModuleListener
    void on(CustomersChanged customers) {
        evaluation.evaluateAffected(
                customers.manyCustomers() ? null : customers.customerIds(), Set.of(DataChange.PROFILE));
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("""
                        insert into audience_members (audience_id, customer_id, since, reason)
                        select m.audience_id, ?, m.since, m.reason
                        from audience_members m join audiences a on a.id = m.audience_id
                        where m.customer_id = ? and a.mode = 'MANUAL'
                        on conflict do nothing""").params(merge.survivorId(), merge.mergedId()).update();
        evaluation.evaluateAffected(List.of(merge.survivorId(), merge.mergedId()), Set.of(DataChange.PROFILE));
    }
}
