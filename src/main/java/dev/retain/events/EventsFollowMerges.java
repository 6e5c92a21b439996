package dev.retain.events;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Events move with their customer's merge, and the ones that moved go back on an unmerge. */
@Component
class EventsFollowMerges {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    EventsFollowMerges(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("insert into event_merge_moves (merge_id, event_id, occurred_at)"
                        + " select ?, id, occurred_at from events where customer_id = ? on conflict do nothing")
                .params(merge.mergeId(), merge.mergedId())
                .update();
        moveMovedEvents(merge.mergeId(), merge.survivorId());
        events.publishEvent(EventsRecorded.of(List.of(merge.survivorId(), merge.mergedId())));
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        moveMovedEvents(unmerge.mergeId(), unmerge.mergedId());
        jdbc.sql("delete from event_merge_moves where merge_id = ?")
                .param(unmerge.mergeId())
                .update();
        events.publishEvent(EventsRecorded.of(List.of(unmerge.survivorId(), unmerge.mergedId())));
    }

    /** Matches on time as well as id, so each partition is searched only for its own rows. */
    private void moveMovedEvents(long mergeId, long customerId) {
        jdbc.sql("""
                        update events e set customer_id = ? from event_merge_moves m
                        where m.merge_id = ? and e.id = m.event_id and e.occurred_at = m.occurred_at""").params(customerId, mergeId).update();
    }
}
