package dev.retain.sales.web;

import dev.retain.customers.ProfileAction;
import dev.retain.platform.CompanyZone;
import dev.retain.sales.OpportunityStages;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The quick action "new opportunity" on the customer page: a title, the stage it starts in, the amount, when it is
 * expected to close (a month from now unless changed), a product and notes. Offered to those who work with
 * opportunities.
 */
@Component
class OpportunityOnProfile implements ProfileAction {

    static final int DEFAULT_CLOSE_DAYS = 30;

    private final OpportunityStages stages;
    private final CompanyZone zone;
    private final Clock clock;

    OpportunityOnProfile(OpportunityStages stages, CompanyZone zone, Clock clock) {
        this.stages = stages;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "opportunity";
    }

    @Override
    public int order() {
        return 27;
    }

    @Override
    public String fragment() {
        return "sales/opportunities/profile :: action";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of("stages", stages.list(), "defaultClose", zone.today(clock).plusDays(DEFAULT_CLOSE_DAYS));
    }
}
