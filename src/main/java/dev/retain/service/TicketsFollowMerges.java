package dev.retain.service;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tickets (their messages, files and history with them, through {@code on update cascade}) move with their customer's
 * merge to the survivor, and the ones that moved go back on an unmerge.
 */
@Component
class TicketsFollowMerges {

    private final JdbcClient jdbc;

    TicketsFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("insert into ticket_merge_moves (merge_id, ticket_id) select ?, id from tickets where customer_id = ?"
                        + " on conflict do nothing")
                .params(merge.mergeId(), merge.mergedId())
                .update();
        move(merge.mergeId(), merge.survivorId());
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        move(unmerge.mergeId(), unmerge.mergedId());
        jdbc.sql("delete from ticket_merge_moves where merge_id = ?")
                .param(unmerge.mergeId())
                .update();
    }

    private void move(long mergeId, long customerId) {
        jdbc.sql("update ticket_keys set customer_id = ? where ticket_id in"
                        + " (select ticket_id from ticket_merge_moves where merge_id = ?)")
                .params(customerId, mergeId)
                .update();
        jdbc.sql("update tickets set customer_id = ? where id in"
                        + " (select ticket_id from ticket_merge_moves where merge_id = ?)")
                .params(customerId, mergeId)
                .update();
    }
}
