package dev.retain.journeys;

import dev.retain.coupons.CouponRedeemed;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What customers did with what a journey gave them — a coupon redeemed, a message opened or clicked — written to the
 * enrolment's history (where branches "since entering" look) and waking a wait for it.
 */
@Component
class JourneyOutcomes {

    private static final Pattern SOURCE = Pattern.compile("journey:(\\d+):enrolment:(\\d+):node:(.+)");

    private final JourneyHistory history;
    private final JdbcClient jdbc;
    private final Clock clock;

    JourneyOutcomes(JourneyHistory history, JdbcClient jdbc, Clock clock) {
        this.history = history;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(CouponRedeemed redeemed) {
        record(redeemed.sourceRef(), "coupon_redeemed");
    }

    /** Records the outcome for the enrolment the source names, if it is a journey's. */
    void record(String sourceRef, String event) {
        Matcher source = sourceRef == null ? null : SOURCE.matcher(sourceRef);
        if (source == null || !source.matches()) {
            return;
        }
        long enrolmentId = Long.parseLong(source.group(2));
        Instant now = clock.instant();
        history.ready(now);
        jdbc.sql("""
                        insert into journey_history (journey_id, enrolment_id, customer_id, node_id, event, holdout, at)
                        select journey_id, id, customer_id, ?, ?, holdout, ? from journey_enrolments where id = ?""")
                .params(source.group(3), event.toUpperCase(java.util.Locale.ROOT), Timestamp.from(now), enrolmentId)
                .update();
        jdbc.sql("""
                        update journey_steps set node_id = event_node, waiting_for = null, event_node = null, due_at = ?
                        where enrolment_id = ? and waiting_for = ?""").params(Timestamp.from(now), enrolmentId, event).update();
    }
}
