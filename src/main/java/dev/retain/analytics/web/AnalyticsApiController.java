package dev.retain.analytics.web;

import dev.retain.analytics.AnalyticsRefresh;
import dev.retain.analytics.CohortMatrix;
import dev.retain.analytics.Cohorts;
import dev.retain.analytics.Dashboard;
import dev.retain.analytics.Dashboards;
import dev.retain.analytics.KpiReport;
import dev.retain.analytics.Kpis;
import dev.retain.analytics.LifecycleFunnel;
import dev.retain.analytics.RfmBreakdown;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ViewerScope;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/analytics}: the dashboard as a whole or widget by widget, each chart's data as CSV or XLSX, and a
 * rebuild of the precomputed aggregates. Every endpoint takes the filters of {@link DashboardQuery}.
 */
@RestController
@Tag(name = "Analytics")
class AnalyticsApiController {

    private final Dashboards dashboards;
    private final Kpis kpis;
    private final Cohorts cohorts;
    private final LifecycleFunnel lifecycle;
    private final RfmBreakdown rfm;
    private final AnalyticsRefresh refresh;
    private final ChartDownload download;
    private final CompanyZone zone;
    private final Clock clock;

    AnalyticsApiController(
            Dashboards dashboards,
            Kpis kpis,
            Cohorts cohorts,
            LifecycleFunnel lifecycle,
            RfmBreakdown rfm,
            AnalyticsRefresh refresh,
            ChartDownload download,
            CompanyZone zone,
            Clock clock) {
        this.dashboards = dashboards;
        this.kpis = kpis;
        this.cohorts = cohorts;
        this.lifecycle = lifecycle;
        this.rfm = rfm;
        this.refresh = refresh;
        this.download = download;
        this.zone = zone;
        this.clock = clock;
    }

    @GetMapping("/api/v1/analytics/dashboard")
    Dashboard dashboard(DashboardQuery query) {
        return dashboards.of(query.period(zone.today(clock)), query.scope());
    }

    @GetMapping("/api/v1/analytics/kpis")
    KpiReport kpis(DashboardQuery query) {
        return kpis.report(query.period(zone.today(clock)), query.scope());
    }

    @GetMapping("/api/v1/analytics/cohorts")
    CohortMatrix cohorts(DashboardQuery query) {
        return cohorts.matrix(query.period(zone.today(clock)), query.scope());
    }

    @GetMapping("/api/v1/analytics/lifecycle")
    List<LifecycleFunnel.Step> lifecycle(DashboardQuery query) {
        return lifecycle.steps(query.scope());
    }

    @GetMapping("/api/v1/analytics/rfm")
    RfmBreakdown.Distribution rfm(DashboardQuery query) {
        return rfm.of(query.scope());
    }

    /** One chart's data ({@code kpis}, {@code cohort-customers}, …) as {@code csv} or {@code xlsx}. */
    @GetMapping("/api/v1/analytics/charts/{chart}")
    void download(
            @PathVariable String chart,
            @RequestParam(defaultValue = "csv") String format,
            DashboardQuery query,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        download.send(chart, format, query, locale, response);
    }

    /** Rebuilds the buyer summaries and the cohort matrix now (they are also rebuilt nightly and after imports). */
    @PostMapping("/api/v1/analytics/refresh")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    Map<String, Instant> rebuild() {
        return Map.of("cohortsBuiltAt", ViewerScope.EVERYTHING.within(refresh::rebuild));
    }
}
