package dev.retain.loyalty;

import dev.retain.commerce.OrdersRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Friends' orders recorded or changed: a first paid order qualifies a waiting referral, a refund of the qualifying
 * order reverses it. A large batch looks at every referral waiting or qualified (not every customer).
 */
@Component
class ReferralsFollowOrders {

    private final ReferralQualification qualification;

    ReferralsFollowOrders(ReferralQualification qualification) {
        this.qualification = qualification;
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        qualification.run(orders.manyCustomers() ? null : orders.customerIds());
    }
}
