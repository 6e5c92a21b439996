package dev.retain.analytics.web;

import dev.retain.analytics.Dashboard;
import dev.retain.analytics.Dashboards;
import dev.retain.customers.LifecycleStage;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.DashboardPanel;
import dev.retain.platform.UserAccounts;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.Audiences;
import dev.retain.segments.RfmScores;
import dev.retain.segments.RfmSegment;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.databind.ObjectMapper;

/**
 * The dashboard page: filters, KPIs, cohorts, lifecycle, RFM, segment sizes and journey results, then the panels other
 * modules add ({@link DashboardPanel}).
 */
@Controller
class AnalyticsPageController {

    private final Dashboards dashboards;
    private final Audiences audiences;
    private final UserAccounts users;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final ChartDownload download;
    private final RfmScores rfm;
    private final CompanyZone zone;
    private final Clock clock;
    private final List<DashboardPanel> panels;

    /** A panel of another module, rendered from its fragment. */
    record RenderedPanel(String fragment, Map<String, Object> data) {}

    AnalyticsPageController(
            Dashboards dashboards,
            Audiences audiences,
            UserAccounts users,
            ObjectMapper json,
            MessageSource messages,
            ChartDownload download,
            RfmScores rfm,
            CompanyZone zone,
            Clock clock,
            List<DashboardPanel> panels) {
        this.dashboards = dashboards;
        this.audiences = audiences;
        this.users = users;
        this.json = json;
        this.messages = messages;
        this.download = download;
        this.rfm = rfm;
        this.zone = zone;
        this.clock = clock;
        this.panels = panels.stream()
                .sorted(Comparator.comparingInt(DashboardPanel::order))
                .toList();
    }

    @GetMapping("/analytics")
    String page(DashboardQuery query, @RequestParam(defaultValue = "false") boolean fresh, Locale locale, Model model) {
        LocalDate today = zone.today(clock);
        Dashboard dashboard = fresh
                ? dashboards.recompute(query.period(today), query.scope())
                : dashboards.of(query.period(today), query.scope());
        List<Audience> filters = new ArrayList<>(audiences.list(AudienceKind.SEGMENT));
        filters.addAll(audiences.list(AudienceKind.TAG));
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("query", query);
        model.addAttribute("today", today);
        model.addAttribute("audiences", filters);
        model.addAttribute("owners", users.list());
        model.addAttribute("charts", json.writeValueAsString(dashboard));
        model.addAttribute("filterParams", filterParams(dashboard));
        model.addAttribute("labels", json.writeValueAsString(labels(locale)));
        var panelFilters = new DashboardPanel.Filters(
                dashboard.period().first(),
                dashboard.period().last(),
                dashboard.scope().ownerId());
        model.addAttribute(
                "panels",
                panels.stream()
                        .map(panel -> new RenderedPanel(panel.fragment(), panel.data(panelFilters)))
                        .toList());
        return "analytics/dashboard";
    }

    /** A chart's data as {@code csv} or {@code xlsx}, with the page's filters. */
    @GetMapping("/analytics/charts/{chart}")
    void download(
            @PathVariable String chart,
            @RequestParam(defaultValue = "csv") String format,
            DashboardQuery query,
            Locale locale,
            HttpServletResponse response)
            throws IOException {
        download.send(chart, format, query, locale, response);
    }

    /** Customers by (RFM segment on {@code from}, segment on {@code to}), asked for by the page on demand. */
    @GetMapping("/analytics/rfm-migration")
    @ResponseBody
    Map<String, Map<String, Long>> migration(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return rfm.migration(from, to);
    }

    /** Names the charts show, in the reader's language. */
    private Map<String, String> labels(Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (RfmSegment segment : RfmSegment.values()) {
            labels.put(segment.name(), messages.getMessage("rfm.segment." + segment.name(), null, locale));
        }
        for (LifecycleStage stage : LifecycleStage.values()) {
            labels.put(stage.name(), messages.getMessage("stage." + stage.name(), null, locale));
        }
        for (String key : List.of(
                "analytics.cohortShare", "analytics.cohortRevenue", "analytics.customers", "analytics.compare")) {
            labels.put(key, messages.getMessage(key, null, locale));
        }
        return labels;
    }

    /** The current filters as a query string, for the download links. */
    private static String filterParams(Dashboard dashboard) {
        var scope = dashboard.scope();
        StringBuilder params = new StringBuilder("from=" + dashboard.period().first() + "&to="
                + dashboard.period().last());
        if (scope.segmentId() != null) {
            params.append("&segmentId=").append(scope.segmentId());
        }
        if (scope.ownerId() != null) {
            params.append("&ownerId=").append(scope.ownerId());
        }
        if (scope.region() != null) {
            params.append("&region=").append(URLEncoder.encode(scope.region(), StandardCharsets.UTF_8));
        }
        if (scope.category() != null) {
            params.append("&category=").append(URLEncoder.encode(scope.category(), StandardCharsets.UTF_8));
        }
        return params.toString();
    }
}
