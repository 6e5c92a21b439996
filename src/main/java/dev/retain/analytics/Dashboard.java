package dev.retain.analytics;

import dev.retain.customers.LifecycleStage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Everything the dashboard shows for one period and scope. */
public record Dashboard(
        Period period,
        CustomerScope scope,
        Instant computedAt,
        KpiReport kpis,
        CohortMatrix cohorts,
        List<LifecycleFunnel.Step> lifecycle,
        RfmBreakdown.Distribution rfm,
        List<SegmentSize> segmentSizes,
        List<JourneyResult> journeys) {

    /** A segment's members per day over the period. */
    public record SegmentSize(long segmentId, String name, Map<LocalDate, Long> members) {}

    /** A journey's entrants and conversion rates, treatment against holdout, with the lift's 95% interval. */
    public record JourneyResult(
            long journeyId,
            String name,
            String status,
            long entrants,
            long holdoutEntrants,
            double conversionRate,
            double holdoutConversionRate,
            Double lift,
            Double liftLow,
            Double liftHigh) {}

    public LifecycleFunnel.Step stage(LifecycleStage stage) {
        return lifecycle.stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}
