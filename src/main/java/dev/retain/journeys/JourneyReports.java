package dev.retain.journeys;

import dev.retain.coupons.CouponCost;
import dev.retain.coupons.Coupons;
import dev.retain.messaging.DeliveryCounts;
import dev.retain.messaging.Messaging;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Counts a journey's history, its messages and its coupons into its report. */
@Service
public class JourneyReports {

    private final JdbcClient jdbc;
    private final Journeys journeys;
    private final Messaging messaging;
    private final Coupons coupons;

    JourneyReports(JdbcClient jdbc, Journeys journeys, Messaging messaging, Coupons coupons) {
        this.jdbc = jdbc;
        this.journeys = journeys;
        this.messaging = messaging;
        this.coupons = coupons;
    }

    public JourneyReport of(long journeyId) {
        journeys.find(journeyId);
        Map<String, Map<String, Long>> nodes = new LinkedHashMap<>();
        jdbc.sql("""
                        select coalesce(node_id, '(entry)'), event, count(distinct enrolment_id) from journey_history
                        where journey_id = ? group by 1, 2 order by 1, 2""").param(journeyId).query(rs -> {
            nodes.computeIfAbsent(rs.getString(1), node -> new LinkedHashMap<>())
                    .put(rs.getString(2), rs.getLong(3));
        });
        Map<String, Long> statuses = new LinkedHashMap<>();
        jdbc.sql("select status, count(*) from journey_enrolments where journey_id = ? group by status order by status")
                .param(journeyId)
                .query(rs -> {
                    statuses.put(rs.getString(1), rs.getLong(2));
                });
        JourneyReport.Group treatment = group(journeyId, false);
        JourneyReport.Group holdout = group(journeyId, true);
        List<Double> lift = JourneyReport.lift(treatment, holdout);
        return new JourneyReport(
                journeyId,
                nodes,
                statuses,
                treatment,
                holdout,
                lift.get(0),
                lift.get(1),
                lift.get(2),
                costs(journeyId, treatment, holdout));
    }

    /** Revenue per treated entrant beyond the holdout's, times the treated entrants, against messages and discounts. */
    private JourneyReport.Costs costs(long journeyId, JourneyReport.Group treatment, JourneyReport.Group holdout) {
        String source = "journey:" + journeyId + ":";
        DeliveryCounts messages = messaging.countsFor(source);
        CouponCost coupons = this.coupons.costOf(source);
        BigDecimal incremental = holdout.entrants() == 0
                ? null
                : treatment
                        .revenuePerEntrant()
                        .subtract(holdout.revenuePerEntrant())
                        .multiply(BigDecimal.valueOf(treatment.entrants()));
        BigDecimal spent = messages.cost().add(coupons.discount());
        Double returnOnCost = incremental == null || spent.signum() == 0
                ? null
                : incremental
                        .subtract(spent)
                        .divide(spent, 4, RoundingMode.HALF_UP)
                        .doubleValue();
        return new JourneyReport.Costs(
                messages.requested(),
                messages.sent(),
                messages.opened(),
                messages.clicked(),
                coupons.issued(),
                coupons.redeemed(),
                messages.cost(),
                coupons.discount(),
                incremental,
                returnOnCost);
    }

    /**
     * Entrants, conversions, and the revenue of their paid orders after entering (within the goal's days when the
     * journey has a goal, else until the enrolment ended or now).
     */
    private JourneyReport.Group group(long journeyId, boolean holdout) {
        return jdbc.sql("""
                        select count(*),
                               count(*) filter (where e.status = 'CONVERTED'),
                               coalesce(sum((select sum(o.base_amount) from paid_orders_view o
                                             where o.customer_id = e.customer_id and o.ordered_at >= e.entered_at
                                               and o.ordered_at < coalesce(
                                                   e.entered_at + make_interval(days => (v.graph -> 'goal' ->> 'withinDays')::int),
                                                   e.ended_at, now()))), 0)
                        from journey_enrolments e
                        join journey_versions v on v.journey_id = e.journey_id and v.version = e.version
                        where e.journey_id = ? and e.holdout = ?""")
                .params(journeyId, holdout)
                .query((rs, row) -> {
                    long entrants = rs.getLong(1);
                    long converted = rs.getLong(2);
                    BigDecimal revenue = rs.getBigDecimal(3);
                    return new JourneyReport.Group(
                            entrants,
                            converted,
                            revenue,
                            entrants == 0 ? 0 : (double) converted / entrants,
                            entrants == 0
                                    ? BigDecimal.ZERO
                                    : revenue.divide(BigDecimal.valueOf(entrants), 2, RoundingMode.HALF_UP));
                })
                .single();
    }
}
