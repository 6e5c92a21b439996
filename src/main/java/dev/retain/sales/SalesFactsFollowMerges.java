package dev.retain.sales;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Follow-ups and opportunities (their lines and history with them, through {@code on update cascade}) move with their
 * customer's merge, and the ones that moved go back on an unmerge. Each table keeps which of its rows a merge moved.
 */
@Component
class SalesFactsFollowMerges {

    /** A table of the customer's facts, and the table recording which of its rows each merge moved. */
    private record Moved(String table, String movesTable, String rowColumn) {}

    private static final List<Moved> TABLES = List.of(
            new Moved("follow_ups", "follow_up_merge_moves", "follow_up_id"),
            new Moved("opportunities", "opportunity_merge_moves", "opportunity_id"));

    private final JdbcClient jdbc;

    SalesFactsFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        for (Moved moved : TABLES) {
            jdbc.sql("insert into %s (merge_id, %s) select ?, id from %s where customer_id = ? on conflict do nothing"
                            .formatted(moved.movesTable(), moved.rowColumn(), moved.table()))
                    .params(merge.mergeId(), merge.mergedId())
                    .update();
            move(moved, merge.mergeId(), merge.survivorId());
        }
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        for (Moved moved : TABLES) {
            move(moved, unmerge.mergeId(), unmerge.mergedId());
            jdbc.sql("delete from %s where merge_id = ?".formatted(moved.movesTable()))
                    .param(unmerge.mergeId())
                    .update();
        }
    }

    private void move(Moved moved, long mergeId, long customerId) {
        jdbc.sql("update %s set customer_id = ? where id in (select %s from %s where merge_id = ?)"
                        .formatted(moved.table(), moved.rowColumn(), moved.movesTable()))
                .params(customerId, mergeId)
                .update();
    }
}
