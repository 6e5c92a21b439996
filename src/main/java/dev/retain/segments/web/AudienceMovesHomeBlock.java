package dev.retain.segments.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.segments.Audiences;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.stereotype.Component;

/** On the marketer's home page: the tags and segments that gained or lost most customers in the last seven days. */
@Component
class AudienceMovesHomeBlock implements HomeBlock {

    static final int SHOWN = 6;
    static final Duration WEEK = Duration.ofDays(7);

    private final Audiences audiences;
    private final Clock clock;

    AudienceMovesHomeBlock(Audiences audiences, Clock clock) {
        this.audiences = audiences;
        this.clock = clock;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.MARKETER), 20, "home.audiences.title", "home.audiences.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/segments";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(audiences.movedMost(clock.instant().minus(WEEK), SHOWN).stream()
                .map(move -> new Row(
                        move.name(),
                        "/segments/" + move.audienceId(),
                        Note.of("home.audiences.moves", move.entered(), move.exited()),
                        Tone.NEUTRAL))
                .toList());
    }
}
