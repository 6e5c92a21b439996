package dev.retain.sales.web;

import dev.retain.customers.ProfileSection;
import dev.retain.sales.Opportunities;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The customer's opportunities on the customer page: open ones first, with their stage and amount. */
@Component
class OpportunitiesOnProfile implements ProfileSection {

    private final Opportunities opportunities;

    OpportunitiesOnProfile(Opportunities opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    public int order() {
        return 7;
    }

    @Override
    public String fragment() {
        return "sales/opportunities/profile :: opportunities";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of("opportunities", opportunities.ofCustomer(customerId));
    }
}
