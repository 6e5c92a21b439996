package dev.retain.analytics;

import dev.retain.journeys.Journey;
import dev.retain.journeys.JourneyReport;
import dev.retain.journeys.JourneyReports;
import dev.retain.journeys.Journeys;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ViewerScope;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.Audiences;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Assembles the dashboard. Its widgets read different tables, so they are computed side by side on a small pool of
 * their own (not the request threads), and the page waits for the slowest rather than for their sum. Results are
 * reused for a few minutes.
 */
@Component
public class Dashboards {

    /** The period a dashboard shows when none is chosen: the days up to today. */
    public static final int DEFAULT_DAYS = 30;

    static final int SEGMENTS_SHOWN = 6;
    static final int JOURNEYS_SHOWN = 8;

    private final Kpis kpis;
    private final Cohorts cohorts;
    private final LifecycleFunnel lifecycle;
    private final RfmBreakdown rfm;
    private final Audiences audiences;
    private final Journeys journeys;
    private final JourneyReports journeyReports;
    private final CompanyZone zone;
    private final Clock clock;
    private final DashboardCache cache;
    private final Executor widgets = Executors.newFixedThreadPool(4, daemonThreads());

    Dashboards(
            Kpis kpis,
            Cohorts cohorts,
            LifecycleFunnel lifecycle,
            RfmBreakdown rfm,
            Audiences audiences,
            Journeys journeys,
            JourneyReports journeyReports,
            CompanyZone zone,
            Clock clock,
            DashboardCache cache) {
        this.kpis = kpis;
        this.cohorts = cohorts;
        this.lifecycle = lifecycle;
        this.rfm = rfm;
        this.audiences = audiences;
        this.journeys = journeys;
        this.journeyReports = journeyReports;
        this.zone = zone;
        this.clock = clock;
        this.cache = cache;
    }

    /** The dashboard, computed in the last few minutes (see {@link DashboardCache}) or now. */
    public Dashboard of(Period period, CustomerScope scope) {
        return cache.get(cacheKey(period, scope), () -> compute(period, scope));
    }

    /**
     * Keeps the dashboard everyone opens first (the default period, everyone) computed ahead, so no one waits for it:
     * shortly after start and then before the previous one is too old to be reused. On every instance, not once in the
     * cluster: each has its own cache.
     */
    @Scheduled(
            fixedDelayString = "#{${retain.analytics.cache-seconds} * 4 / 5}",
            timeUnit = TimeUnit.SECONDS,
            initialDelay = 60)
    void computeTheDefaultAhead() {
        recompute(Period.endingOn(zone.today(clock), DEFAULT_DAYS), CustomerScope.EVERYONE);
    }

    /** Computes it now and keeps the result for the next readers. */
    public Dashboard recompute(Period period, CustomerScope scope) {
        Dashboard dashboard = compute(period, scope);
        cache.put(cacheKey(period, scope), dashboard);
        return dashboard;
    }

    /** Viewers who see different customers see different dashboards. */
    private Object cacheKey(Period period, CustomerScope scope) {
        return List.of(period, scope, zone.today(clock), ViewerScope.current());
    }

    /** Computes it now; {@code computedAt} says when. */
    Dashboard compute(Period period, CustomerScope scope) {
        Instant computedAt = clock.instant();
        var kpiReport = async(() -> kpis.report(period, scope));
        var cohortMatrix = async(() -> cohorts.matrix(period, scope));
        var funnel = async(() -> lifecycle.steps(scope));
        var distribution = async(() -> rfm.of(scope));
        var sizes = async(() -> segmentSizes(period));
        var results = async(this::journeyResults);
        return new Dashboard(
                period,
                scope,
                computedAt,
                kpiReport.join(),
                cohortMatrix.join(),
                funnel.join(),
                distribution.join(),
                sizes.join(),
                results.join());
    }

    private static CustomizableThreadFactory daemonThreads() {
        var threads = new CustomizableThreadFactory("dashboard-");
        threads.setDaemon(true);
        return threads;
    }

    /** Computes the widget on another thread, within the data scope of the viewer who asked. */
    private <T> CompletableFuture<T> async(Supplier<T> widget) {
        return CompletableFuture.supplyAsync(ViewerScope.current().carriedTo(widget), widgets);
    }

    /** The largest enabled segments and tags, day by day from the period's first day to today. */
    List<Dashboard.SegmentSize> segmentSizes(Period period) {
        int days = (int) ChronoUnit.DAYS.between(period.first(), zone.today(clock)) + 1;
        return Stream.concat(audiences.list(AudienceKind.SEGMENT).stream(), audiences.list(AudienceKind.TAG).stream())
                .filter(Audience::enabled)
                .sorted(Comparator.comparingLong(Audience::members).reversed())
                .limit(SEGMENTS_SHOWN)
                .map(a -> new Dashboard.SegmentSize(a.id(), a.name(), audiences.sizes(a.id(), Math.max(days, 1))))
                .toList();
    }

    /** Journeys that have run, newest first. */
    List<Dashboard.JourneyResult> journeyResults() {
        return journeys.list().stream()
                .filter(j -> !"DRAFT".equals(j.status()))
                .sorted(Comparator.comparing(Journey::updatedAt).reversed())
                .limit(JOURNEYS_SHOWN)
                .map(j -> {
                    JourneyReport report = journeyReports.of(j.id());
                    return new Dashboard.JourneyResult(
                            j.id(),
                            j.name(),
                            j.status(),
                            report.treatment().entrants(),
                            report.holdout().entrants(),
                            report.treatment().conversionRate(),
                            report.holdout().conversionRate(),
                            report.lift(),
                            report.liftLow(),
                            report.liftHigh());
                })
                .toList();
    }
}
