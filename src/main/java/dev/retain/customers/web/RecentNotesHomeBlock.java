package dev.retain.customers.web;

import dev.retain.customers.CustomerNotes;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * On the home page of sales and service: the latest notes on the viewer's customers. Nothing records customers'
 * replies yet (no inbox, no tickets); the team's notes are the nearest thing to "what was said lately" until the
 * service module brings them.
 */
@Component
class RecentNotesHomeBlock implements HomeBlock {

    static final int SHOWN = 6;
    private static final int EXCERPT = 60;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final CustomerNotes notes;
    private final CompanyZone zone;

    RecentNotesHomeBlock(CustomerNotes notes, CompanyZone zone) {
        this.notes = notes;
        this.zone = zone;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.SALES, Role.SERVICE), 30, "home.notes.title", "home.notes.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/customers?owner=" + viewer.id();
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(notes.latestOnCustomersOwnedBy(viewer.id(), SHOWN).stream()
                .map(recent -> new Row(
                        recent.customerName() + ": " + excerpt(recent.note().body()),
                        "/customers/" + recent.note().customerId(),
                        Note.of(
                                "home.notes.by",
                                recent.note().author(),
                                WHEN.format(recent.note().createdAt().atZone(zone.zone()))),
                        Tone.NEUTRAL))
                .toList());
    }

    private static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "…";
    }
}
