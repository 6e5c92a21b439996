package dev.retain.analytics;

import dev.retain.customers.LifecycleStage;
import dev.retain.predict.ChurnDefinition;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where customers stand in their life with the company, as of now, derived from their orders so the funnel never
 * depends on someone updating a field: every customer is a prospect; interested once marked so (or buying); first
 * order; repeat (2+ paid orders); loyal ({@value #LOYAL_ORDERS}+ paid orders and still active). Buyers whose last order is
 * older than half the churn definition's inactive days are at risk, older than all of it lost.
 */
@Component
public class LifecycleFunnel {

    static final int LOYAL_ORDERS = 5;

    /** {@code conversion}: the share of the stage before that reached this one (null for the first and the risk stages). */
    public record Step(LifecycleStage stage, long customers, Double conversion) {}

    private final JdbcClient jdbc;
    private final ChurnDefinition churn;
    private final Clock clock;

    LifecycleFunnel(JdbcClient jdbc, ChurnDefinition churn, Clock clock) {
        this.jdbc = jdbc;
        this.churn = churn;
        this.clock = clock;
    }

    public List<Step> steps(CustomerScope scope) {
        int inactiveDays = churn.settings().inactiveDays();
        Instant now = clock.instant();
        ScopedSql sql = new ScopedSql(scope)
                .param("activeSince", Timestamp.from(now.minus(Duration.ofDays(inactiveDays))))
                .param("atRiskSince", Timestamp.from(now.minus(Duration.ofDays(inactiveDays / 2))))
                .param("loyalOrders", LOYAL_ORDERS);
        long[] counts = jdbc.sql("""
                        select count(*),
                               count(*) filter (where c.lifecycle_stage <> 'PROSPECT' or b.customer_id is not null),
                               count(b.customer_id),
                               count(*) filter (where b.paid_orders >= 2),
                               count(*) filter (where b.paid_orders >= :loyalOrders and b.last_order_at >= :activeSince),
                               count(*) filter (where b.last_order_at < :atRiskSince and b.last_order_at >= :activeSince),
                               count(*) filter (where b.last_order_at < :activeSince)
                        from customer_profiles_view c left join analytics_buyers b on b.customer_id = c.id
                        where %s""".formatted(sql.customers("c.id")))
                .params(sql.params())
                .query((rs, row) -> {
                    long[] values = new long[7];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getLong(i + 1);
                    }
                    return values;
                })
                .single();
        List<Step> steps = new ArrayList<>();
        for (LifecycleStage stage : LifecycleStage.values()) {
            int i = stage.ordinal();
            boolean inFunnel = i > 0 && i <= LifecycleStage.LOYAL.ordinal();
            Double conversion = inFunnel && counts[i - 1] > 0 ? (double) counts[i] / counts[i - 1] : null;
            steps.add(new Step(stage, counts[i], conversion));
        }
        return steps;
    }
}
