package dev.retain.sales.web;

import dev.retain.platform.DashboardPanel;
import dev.retain.sales.OpportunityFigures;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The sales funnel on the dashboard: how far the opportunities opened in the dashboard's period got, stage by stage
 * and owner by owner, and the forecast by expected-close month — for the dashboard's owner filter, within the viewer's
 * data scope.
 */
@Component
class OpportunityDashboardPanel implements DashboardPanel {

    private final OpportunityFigures figures;

    OpportunityDashboardPanel(OpportunityFigures figures) {
        this.figures = figures;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String fragment() {
        return "sales/opportunities/dashboard :: panel";
    }

    @Override
    public Map<String, Object> data(Filters filters) {
        return Map.of(
                "funnel", figures.funnel(filters.first(), filters.last(), filters.ownerId()),
                "owners", figures.byOwner(filters.first(), filters.last(), filters.ownerId()),
                "forecast", figures.forecast(filters.ownerId()));
    }
}
