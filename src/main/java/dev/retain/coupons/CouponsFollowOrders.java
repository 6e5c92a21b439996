package dev.retain.coupons;

import dev.retain.commerce.OrdersRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Orders arrived: the coupons whose codes they carry are redeemed (for everyone at once after a large import). */
@Component
class CouponsFollowOrders {

    private final OrderRedemptions redemptions;

    CouponsFollowOrders(OrderRedemptions redemptions) {
        this.redemptions = redemptions;
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        redemptions.redeemFromOrders(orders.manyCustomers() ? null : orders.customerIds());
    }
}
