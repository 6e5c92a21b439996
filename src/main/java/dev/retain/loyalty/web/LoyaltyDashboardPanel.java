package dev.retain.loyalty.web;

import dev.retain.loyalty.LoyaltyFigures;
import dev.retain.platform.DashboardPanel;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The points programme on the dashboard: what it owes, points issued, redeemed and expired by month of the period, the
 * redemption rate, and members' repeat rate beside other buyers' — for the owner filter, within the viewer's scope.
 */
@Component
class LoyaltyDashboardPanel implements DashboardPanel {

    private final LoyaltyFigures figures;

    LoyaltyDashboardPanel(LoyaltyFigures figures) {
        this.figures = figures;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String fragment() {
        return "loyalty/dashboard :: panel";
    }

    @Override
    public Map<String, Object> data(Filters filters) {
        return Map.of("figures", figures.of(filters.first(), filters.last(), filters.ownerId()));
    }
}
