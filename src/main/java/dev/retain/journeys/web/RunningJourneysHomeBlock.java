package dev.retain.journeys.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.util.Set;
import org.springframework.stereotype.Component;

/** On the marketer's home page: the journeys running now and how they do against their holdout. */
@Component
class RunningJourneysHomeBlock implements HomeBlock {

    private final ActiveJourneyLifts lifts;

    RunningJourneysHomeBlock(ActiveJourneyLifts lifts) {
        this.lifts = lifts;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.MARKETER), 10, "home.journeys.running", "home.journeys.noneRunning");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/journeys";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(
                lifts.all().stream().map(ActiveJourneyLifts.Lift::row).toList());
    }
}
