package dev.retain.sales.web;

import dev.retain.customers.ProfileSection;
import dev.retain.sales.FollowUps;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The customer's latest follow-ups on the customer page. */
@Component
class FollowUpsOnProfile implements ProfileSection {

    static final int SHOWN = 5;

    private final FollowUps followUps;

    FollowUpsOnProfile(FollowUps followUps) {
        this.followUps = followUps;
    }

    @Override
    public int order() {
        return 8;
    }

    @Override
    public String fragment() {
        return "sales/profile :: follow-ups";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of("followUps", followUps.of(customerId, null, SHOWN));
    }
}
