package dev.retain.analytics.web;

import dev.retain.analytics.CohortMatrix;
import dev.retain.analytics.Dashboard;
import dev.retain.analytics.KpiReport;
import dev.retain.analytics.LifecycleFunnel;
import dev.retain.analytics.RfmBreakdown;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Each dashboard chart's data as a table with headers in the reader's language: what the downloads contain. */
@Component
class DashboardTables {

    static final List<String> CHARTS = List.of(
            "kpis",
            "cohort-customers",
            "cohort-revenue",
            "lifecycle",
            "rfm-segments",
            "rfm-value-cells",
            "segment-sizes",
            "journeys");

    private final MessageSource messages;

    DashboardTables(MessageSource messages) {
        this.messages = messages;
    }

    /** The table of one chart; null for a name not in {@link #CHARTS}. */
    ChartTable of(String chart, Dashboard dashboard, Locale locale) {
        Function<String, String> text = key -> messages.getMessage(key, null, key, locale);
        switch (chart) {
            case "kpis":
                return kpis(dashboard.kpis(), text);
            case "cohort-customers":
                return cohorts(chart, dashboard.cohorts(), text, false);
            case "cohort-revenue":
                return cohorts(chart, dashboard.cohorts(), text, true);
            case "lifecycle":
                return lifecycle(dashboard.lifecycle(), text);
            case "rfm-segments":
                return rfm(chart, dashboard.rfm().segments(), "rfm.segment.", text);
            case "rfm-value-cells":
                return rfm(chart, dashboard.rfm().valueCells(), "rfm.cell.", text);
            case "segment-sizes":
                return segmentSizes(dashboard.segmentSizes(), text);
            case "journeys":
                return journeys(dashboard.journeys(), text);
            default:
                return null;
        }
    }

    private static ChartTable kpis(KpiReport report, Function<String, String> text) {
        List<List<Object>> rows = new ArrayList<>();
        for (KpiReport.Row row : report.rows()) {
            rows.add(Arrays.asList(text.apply(row.kpi().messageKey()), row.current(), row.previous(), row.change()));
        }
        return new ChartTable(
                "kpis",
                List.of(
                        text.apply("analytics.kpi"),
                        report.period().first() + " – " + report.period().last(),
                        report.previousPeriod().first() + " – "
                                + report.previousPeriod().last(),
                        text.apply("analytics.change")),
                rows);
    }

    private static ChartTable cohorts(
            String name, CohortMatrix matrix, Function<String, String> text, boolean revenue) {
        List<String> headers =
                new ArrayList<>(List.of(text.apply("analytics.cohort"), text.apply("analytics.cohortSize")));
        for (int m = 0; m <= matrix.maxMonthsSince(); m++) {
            headers.add("M" + m);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (CohortMatrix.Cohort cohort : matrix.cohorts()) {
            List<Object> row = new ArrayList<>(List.of(cohort.month().toString().substring(0, 7), cohort.customers()));
            for (CohortMatrix.Cell cell : cohort.cells()) {
                row.add(revenue ? cell.revenue() : cell.customers());
            }
            rows.add(row);
        }
        return new ChartTable(name, headers, rows);
    }

    private static ChartTable lifecycle(List<LifecycleFunnel.Step> steps, Function<String, String> text) {
        List<List<Object>> rows = new ArrayList<>();
        for (LifecycleFunnel.Step step : steps) {
            rows.add(Arrays.asList(text.apply("stage." + step.stage()), step.customers(), step.conversion()));
        }
        return new ChartTable(
                "lifecycle",
                List.of(
                        text.apply("analytics.stage"),
                        text.apply("analytics.customers"),
                        text.apply("analytics.conversion")),
                rows);
    }

    private static ChartTable rfm(
            String name,
            Map<? extends Enum<?>, RfmBreakdown.Share> shares,
            String prefix,
            Function<String, String> text) {
        List<List<Object>> rows = new ArrayList<>();
        shares.forEach((key, share) ->
                rows.add(List.of(text.apply(prefix + key.name()), share.customers(), share.monetary())));
        return new ChartTable(
                name,
                List.of(text.apply("analytics.group"), text.apply("analytics.customers"), text.apply("rfm.monetary")),
                rows);
    }

    private static ChartTable segmentSizes(List<Dashboard.SegmentSize> sizes, Function<String, String> text) {
        TreeSet<LocalDate> days = new TreeSet<>();
        sizes.forEach(s -> days.addAll(s.members().keySet()));
        List<String> headers = new ArrayList<>(List.of(text.apply("analytics.day")));
        sizes.forEach(s -> headers.add(s.name()));
        List<List<Object>> rows = new ArrayList<>();
        for (LocalDate day : days) {
            List<Object> row = new ArrayList<>();
            row.add(day.toString());
            sizes.forEach(s -> row.add(s.members().get(day)));
            rows.add(row);
        }
        return new ChartTable("segment-sizes", headers, rows);
    }

    private static ChartTable journeys(List<Dashboard.JourneyResult> results, Function<String, String> text) {
        List<List<Object>> rows = new ArrayList<>();
        for (Dashboard.JourneyResult r : results) {
            rows.add(Arrays.asList(
                    r.name(),
                    r.status(),
                    r.entrants(),
                    r.holdoutEntrants(),
                    r.conversionRate(),
                    r.holdoutConversionRate(),
                    r.lift(),
                    r.liftLow(),
                    r.liftHigh()));
        }
        return new ChartTable(
                "journeys",
                List.of(
                        text.apply("analytics.journey"),
                        text.apply("analytics.status"),
                        text.apply("analytics.entrants"),
                        text.apply("analytics.holdoutEntrants"),
                        text.apply("analytics.conversionRate"),
                        text.apply("analytics.holdoutConversionRate"),
                        text.apply("analytics.lift"),
                        text.apply("analytics.liftLow"),
                        text.apply("analytics.liftHigh")),
                rows);
    }
}
