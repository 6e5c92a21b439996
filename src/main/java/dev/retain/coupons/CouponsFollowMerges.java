package dev.retain.coupons;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Coupons move with their customer's merge, and the ones that moved go back on an unmerge. */
@Component
class CouponsFollowMerges {

    private final JdbcClient jdbc;

    CouponsFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("update coupons set customer_id = ?, merge_id = ?, moved_from = customer_id where customer_id = ?")
                .params(merge.survivorId(), merge.mergeId(), merge.mergedId())
                .update();
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        jdbc.sql("update coupons set customer_id = moved_from, merge_id = null, moved_from = null where merge_id = ?")
                .param(unmerge.mergeId())
                .update();
    }
}
