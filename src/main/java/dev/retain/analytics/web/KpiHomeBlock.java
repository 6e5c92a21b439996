package dev.retain.analytics.web;

import dev.retain.analytics.CustomerScope;
import dev.retain.analytics.Dashboards;
import dev.retain.analytics.Kpi;
import dev.retain.analytics.KpiReport;
import dev.retain.analytics.Period;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * On the home page of managers, admins and analysts: the headline KPIs of the last 30 days with their change against
 * the 30 days before — the dashboard's own figures, read from the dashboard kept computed ahead.
 */
@Component
class KpiHomeBlock implements HomeBlock {

    static final List<Kpi> SHOWN = List.of(
            Kpi.ACTIVE_CUSTOMERS,
            Kpi.REVENUE,
            Kpi.REPURCHASE_RATE,
            Kpi.CHURN_RATE,
            Kpi.AVERAGE_ORDER_VALUE,
            Kpi.HIGH_CHURN_RISK);

    private final Dashboards dashboards;
    private final KpiFormats formats;
    private final CompanyZone zone;
    private final Clock clock;

    KpiHomeBlock(Dashboards dashboards, KpiFormats formats, CompanyZone zone, Clock clock) {
        this.dashboards = dashboards;
        this.formats = formats;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.MANAGER, Role.ADMIN, Role.ANALYST), 0, "home.kpis.title", "home.kpis.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/analytics";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        Period last30Days = Period.endingOn(zone.today(clock), Dashboards.DEFAULT_DAYS);
        KpiReport report = dashboards.of(last30Days, CustomerScope.EVERYONE).kpis();
        return Content.ofFigures(
                SHOWN.stream().map(kpi -> figure(report.row(kpi))).toList());
    }

    private Figure figure(KpiReport.Row row) {
        String change = row.change() == null ? null : formats.change(row);
        Tone tone =
                row.change() == null || row.change() == 0 ? Tone.NEUTRAL : formats.improved(row) ? Tone.GOOD : Tone.BAD;
        return new Figure(row.kpi().messageKey(), formats.value(row.unit(), row.current()), change, tone, "/analytics");
    }
}
