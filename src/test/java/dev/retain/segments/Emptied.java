package dev.retain.segments;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties what segmentation reads and writes, in a database of a test's own. */
final class Emptied {

    private Emptied() {}

    static void everything(JdbcClient jdbc) {
        jdbc.sql("""
                        truncate customers, customer_identities, orders, order_lines, events, rfm_scores, rfm_history,
                                 rfm_runs, audiences, audience_members, audience_changes, audience_sizes, event_publication,
                                 segment_reevaluations
                        cascade""").update();
    }
}
