package dev.retain.journeys.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * On the home page of managers and admins: running journeys whose entrants convert less than their holdout — a journey
 * to fix or stop.
 */
@Component
class LosingJourneysHomeBlock implements HomeBlock {

    private final ActiveJourneyLifts lifts;

    LosingJourneysHomeBlock(ActiveJourneyLifts lifts) {
        this.lifts = lifts;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.MANAGER, Role.ADMIN), 60, "home.journeys.losing", "home.journeys.noneLosing");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/journeys";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(lifts.all().stream()
                .filter(ActiveJourneyLifts.Lift::losing)
                .map(ActiveJourneyLifts.Lift::row)
                .toList());
    }
}
