package dev.retain.messaging.web;

import dev.retain.messaging.Deliveries;
import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.stereotype.Component;

/** On the marketer's home page: the templates whose messages of the last seven days fail to go out. */
@Component
class FailingDeliveriesHomeBlock implements HomeBlock {

    static final int SHOWN = 5;
    static final Duration WEEK = Duration.ofDays(7);

    private final Deliveries deliveries;
    private final Clock clock;

    FailingDeliveriesHomeBlock(Deliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.MARKETER), 30, "home.deliveries.title", "home.deliveries.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/messages/dead-letters";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(deliveries.failingSince(clock.instant().minus(WEEK), SHOWN).stream()
                .map(template -> new Row(
                        template.templateName() == null ? "#" + template.templateId() : template.templateName(),
                        "/messages/dead-letters",
                        Note.of("home.deliveries.failing", template.failed(), template.retrying()),
                        template.failed() > 0 ? Tone.BAD : Tone.WARNING))
                .toList());
    }
}
