package dev.retain.service.web;

import dev.retain.platform.DashboardPanel;
import dev.retain.service.TicketFigures;
import dev.retain.service.sla.SlaFigures;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The service desk on the dashboard: tickets opened by week, response and resolution times, top categories, and the
 * SLA targets met and breached.
 */
@Component
class ServiceDashboardPanel implements DashboardPanel {

    private final TicketFigures figures;
    private final SlaFigures sla;

    ServiceDashboardPanel(TicketFigures figures, SlaFigures sla) {
        this.figures = figures;
        this.sla = sla;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String fragment() {
        return "service/dashboard :: panel";
    }

    @Override
    public Map<String, Object> data(Filters filters) {
        return Map.of(
                "figures",
                figures.of(filters.first(), filters.last(), filters.ownerId(), LocaleContextHolder.getLocale()),
                "sla",
                sla.of(filters.first(), filters.last(), filters.ownerId()));
    }
}
