package dev.retain.events;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Events move with their customer's merge, and the ones that moved go back on an unmerge. */
@Component
class EventsFollowMerges {

    private final JdbcClient jdbc;

    EventsFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("insert into event_merge_moves (merge_id, event_id, occurred_at)"
                        + " select ?, id, occurred_at from events where customer_id = ? on conflict do nothing")
                .params(merge.mergeId(), merge.mergedId())
                .update();
        moveMovedEvents(merge.mergeId(), merge.survivorId());
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        moveMovedEvents(unmerge.mergeId(), unmerge.mergedId());
        jdbc.sql("delete from event_merge_moves where merge_id = ?")
                .param(unmerge.mergeId())
                .update();
    }

    /** Matches on time as well as id, so each partition is searched only for its own rows. */
    private void moveMovedEvents(long mergeId, long customerId) {
        jdbc.sql("""
                        update events e set customer_id = ? from event_merge_moves m
                        where m.merge_id = ? and e.id = m.event_id and e.occurred_at = m.occurred_at""").params(customerId, mergeId).update();
    }
}
