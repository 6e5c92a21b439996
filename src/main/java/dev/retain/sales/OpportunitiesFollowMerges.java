package dev.retain.sales;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opportunities (their lines and history with them) move with their customer's merge, and the ones that moved go back
 * on an unmerge.
 */
@Component
class OpportunitiesFollowMerges {

    private final JdbcClient jdbc;

    OpportunitiesFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("insert into opportunity_merge_moves (merge_id, opportunity_id)"
                        + " select ?, id from opportunities where customer_id = ? on conflict do nothing")
                .params(merge.mergeId(), merge.mergedId())
                .update();
        move(merge.mergeId(), merge.survivorId());
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        move(unmerge.mergeId(), unmerge.mergedId());
        jdbc.sql("delete from opportunity_merge_moves where merge_id = ?")
                .param(unmerge.mergeId())
                .update();
    }

    /** The lines and history follow through their foreign keys' {@code on update cascade}. */
    private void move(long mergeId, long customerId) {
        jdbc.sql("update opportunities set customer_id = ?"
                        + " where id in (select opportunity_id from opportunity_merge_moves where merge_id = ?)")
                .params(customerId, mergeId)
                .update();
    }
}
