package dev.retain.journeys.web;

import dev.retain.customers.ProfileSection;
import dev.retain.journeys.Enrolments;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The journeys a customer is in, or left in the last 90 days, with where they are, on the customer page. */
@Component
class JourneysOnProfile implements ProfileSection {

    private static final Duration RECENT = Duration.ofDays(90);
    private static final int SHOWN = 20;

    private final Enrolments enrolments;
    private final Clock clock;

    JourneysOnProfile(Enrolments enrolments, Clock clock) {
        this.enrolments = enrolments;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 11;
    }

    @Override
    public String fragment() {
        return "journeys/profile :: journeys";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of(
                "enrolments", enrolments.ofCustomer(customerId, clock.instant().minus(RECENT), SHOWN));
    }
}
