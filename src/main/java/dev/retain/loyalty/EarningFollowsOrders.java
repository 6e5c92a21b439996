package dev.retain.loyalty;

import dev.retain.commerce.OrdersRecorded;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Orders recorded or changed (placed, imported, refunded, returned, moved by a merge) earn or give back points; a
 * change of the programme's settings brings every order in line (an earlier first day earns the orders since). Members
 * whose points or orders now reach a higher tier move up in the same transaction.
 */
@Component
class EarningFollowsOrders {

    private final OrderEarning earning;
    private final TierReview tiers;

    EarningFollowsOrders(OrderEarning earning, TierReview tiers) {
        this.earning = earning;
        this.tiers = tiers;
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        List<Long> customers = orders.manyCustomers() ? null : orders.customerIds();
        earning.run(customers);
        // in the same transaction: the order that earned points, or reached a spend, moves its member up at once
        tiers.upgrade(customers);
    }

    @ApplicationModuleListener
    void on(ProgrammeChanged change) {
        earning.run(null);
        tiers.upgrade(null);
    }
}
