package dev.retain.journeys;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A journey's results: per node, how many enrolments reached each event there; per group (treatment, holdout),
 * entrants, conversions and revenue; and the lift of the conversion rate with its 95% confidence interval.
 */
public record JourneyReport(
        long journeyId,
        Map<String, Map<String, Long>> nodes,
        Map<String, Long> enrolments,
        Group treatment,
        Group holdout,
        Double lift,
        Double liftLow,
        Double liftHigh,
        Costs costs) {

    /**
     * What the journey cost and what it brought: messages asked for, sent, opened, clicked; coupons issued and
     * redeemed; the message cost and the discount given; the revenue beyond what the holdout's rate would have brought;
     * and the return on the costs (null without costs or without a holdout).
     */
    public record Costs(
            long messages,
            long sent,
            long opened,
            long clicked,
            long couponsIssued,
            long couponsRedeemed,
            BigDecimal messageCost,
            BigDecimal discount,
            BigDecimal incrementalRevenue,
            Double returnOnCost) {}

    /** Entrants of one group, those who reached the goal, and the paid revenue after entering. */
    public record Group(
            long entrants, long converted, BigDecimal revenue, double conversionRate, BigDecimal revenuePerEntrant) {}

    static final double Z_95 = 1.959964;

    /**
     * The difference of two conversion rates with a normal-approximation (Wald) interval; null without entrants on
     * either side.
     */
    static List<Double> lift(Group treatment, Group holdout) {
        if (treatment.entrants() == 0 || holdout.entrants() == 0) {
            return java.util.Arrays.asList(null, null, null);
        }
        double p1 = treatment.conversionRate();
        double p2 = holdout.conversionRate();
        double error = Math.sqrt(p1 * (1 - p1) / treatment.entrants() + p2 * (1 - p2) / holdout.entrants());
        double lift = p1 - p2;
        return List.of(lift, lift - Z_95 * error, lift + Z_95 * error);
    }
}
