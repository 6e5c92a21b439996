package dev.retain.commerce;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Orders move with their customer's merge, and the ones that moved go back on an unmerge. */
@Component
class OrdersFollowMerges {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    OrdersFollowMerges(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("insert into order_merge_moves (merge_id, order_id) select ?, id from orders where customer_id = ?"
                        + " on conflict do nothing")
                .params(merge.mergeId(), merge.mergedId())
                .update();
        moveMovedOrders(merge.mergeId(), merge.survivorId());
        events.publishEvent(OrdersRecorded.of(List.of(merge.survivorId(), merge.mergedId())));
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        moveMovedOrders(unmerge.mergeId(), unmerge.mergedId());
        jdbc.sql("delete from order_merge_moves where merge_id = ?")
                .param(unmerge.mergeId())
                .update();
        events.publishEvent(OrdersRecorded.of(List.of(unmerge.survivorId(), unmerge.mergedId())));
    }

    private void moveMovedOrders(long mergeId, long customerId) {
        jdbc.sql(
                        "update orders set customer_id = ? where id in (select order_id from order_merge_moves where merge_id = ?)")
                .params(customerId, mergeId)
                .update();
        jdbc.sql("update order_lines set customer_id = ?"
                        + " where order_id in (select order_id from order_merge_moves where merge_id = ?)")
                .params(customerId, mergeId)
                .update();
    }
}
