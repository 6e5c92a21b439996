package dev.retain.service.knowledge;

import dev.retain.customers.CustomersMerged;
import dev.retain.customers.CustomersUnmerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The record of articles used on a customer's tickets moves with the customer's merge, as their tickets do, and the
 * moved rows go back on an unmerge. The articles' counts do not change: a use is a use whoever the customer is.
 */
@Component
class ArticleUsesFollowMerges {

    private final JdbcClient jdbc;

    ArticleUsesFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        jdbc.sql("""
                        update article_uses set customer_id = ?, merge_id = ?, moved_from = customer_id
                        where customer_id = ?""")
                .params(merge.survivorId(), merge.mergeId(), merge.mergedId())
                .update();
    }

    @ApplicationModuleListener
    void on(CustomersUnmerged unmerge) {
        jdbc.sql("""
                        update article_uses set customer_id = moved_from, merge_id = null, moved_from = null
                        where merge_id = ?""").param(unmerge.mergeId()).update();
    }
}
