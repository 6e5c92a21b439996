package dev.retain.predict.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.predict.ChurnRiskChanges;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/** On the home page of sales and service: the viewer's customers whose churn risk rose this week. */
@Component
class RisingChurnHomeBlock implements HomeBlock {

    static final int SHOWN = 6;

    private final ChurnRiskChanges changes;

    RisingChurnHomeBlock(ChurnRiskChanges changes) {
        this.changes = changes;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.SALES, Role.SERVICE), 20, "home.churn.title", "home.churn.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/customers?owner=" + viewer.id();
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(changes.risenThisWeekFor(viewer.id(), SHOWN).stream()
                .map(rise -> new Row(
                        rise.customerName(),
                        "/customers/" + rise.customerId(),
                        Note.of("home.churn.rose", percent(rise.before()), percent(rise.now())),
                        rise.band().equals("HIGH") ? Tone.BAD : Tone.WARNING))
                .toList());
    }

    private static String percent(double probability) {
        return String.format(Locale.ROOT, "%.0f%%", probability * 100);
    }
}
