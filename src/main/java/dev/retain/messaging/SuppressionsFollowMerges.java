package dev.retain.messaging;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import java.util.Arrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A merged customer's suppressions hold for the survivor too: otherwise merging a re-imported duplicate into the
 * person who unsubscribed, with the duplicate kept, would message them again. The survivor gets a copy of each (an
 * unsubscribe replacing an entry staff had made for the same channel); undoing the merge takes the copies back.
 */
@Component
class SuppressionsFollowMerges {

    private static final String[] CHOSEN = Arrays.stream(SuppressionReason.values())
            .filter(SuppressionReason::chosenByCustomer)
            .map(Enum::name)
            .toArray(String[]::new);

    private final JdbcClient jdbc;

    SuppressionsFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("""
                        insert into suppressions (customer_id, channel, reason, note, at, created_by, merge_id)
                        select ?, channel, reason, note, at, created_by, ? from suppressions where customer_id = ?
                        on conflict (customer_id, channel) do update
                            set reason = excluded.reason, note = excluded.note, at = excluded.at,
                                created_by = excluded.created_by
                            where excluded.reason = any(?) and suppressions.reason <> all(?)""")
                .params(merge.survivorId(), merge.mergeId(), merge.mergedId(), CHOSEN, CHOSEN)
                .update();
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        jdbc.sql("delete from suppressions where customer_id = ? and merge_id = ?")
                .params(unmerge.survivorId(), unmerge.mergeId())
                .update();
    }
}
