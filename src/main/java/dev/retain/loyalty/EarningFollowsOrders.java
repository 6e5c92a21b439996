package dev.retain.loyalty;

import dev.retain.commerce.OrdersRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Orders recorded or changed (placed, imported, refunded, returned, moved by a merge) earn or give back points; a
 * change of the programme's settings brings every order in line (an earlier first day earns the orders since).
 */
@Component
class EarningFollowsOrders {

    private final OrderEarning earning;

    EarningFollowsOrders(OrderEarning earning) {
        this.earning = earning;
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        earning.run(orders.manyCustomers() ? null : orders.customerIds());
    }

    @ApplicationModuleListener
    void on(ProgrammeChanged change) {
        earning.run(null);
    }
}
