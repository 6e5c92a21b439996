package dev.retain.journeys.web;

import dev.retain.customers.ProfileAction;
import dev.retain.journeys.Journeys;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The quick action "enrol in a journey" on the customer page: any active journey, whatever its trigger. */
@Component
class EnrolOnProfile implements ProfileAction {

    private final Journeys journeys;

    EnrolOnProfile(Journeys journeys) {
        this.journeys = journeys;
    }

    @Override
    public String id() {
        return "journey";
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String fragment() {
        return "journeys/profile :: action";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of(
                "journeys",
                journeys.list().stream()
                        .filter(journey -> journey.status().equals("ACTIVE"))
                        .toList());
    }
}
