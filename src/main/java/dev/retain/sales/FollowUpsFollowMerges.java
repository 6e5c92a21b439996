package dev.retain.sales;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Follow-ups move with their customer's merge, and the ones that moved go back on an unmerge. */
@Component
class FollowUpsFollowMerges {

    private final JdbcClient jdbc;

    FollowUpsFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("insert into follow_up_merge_moves (merge_id, follow_up_id)"
                        + " select ?, id from follow_ups where customer_id = ? on conflict do nothing")
                .params(merge.mergeId(), merge.mergedId())
                .update();
        move(merge.mergeId(), merge.survivorId());
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        move(unmerge.mergeId(), unmerge.mergedId());
        jdbc.sql("delete from follow_up_merge_moves where merge_id = ?")
                .param(unmerge.mergeId())
                .update();
    }

    private void move(long mergeId, long customerId) {
        jdbc.sql("update follow_ups set customer_id = ?"
                        + " where id in (select follow_up_id from follow_up_merge_moves where merge_id = ?)")
                .params(customerId, mergeId)
                .update();
    }
}
