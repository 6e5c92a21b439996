package dev.retain.customers.web;

import dev.retain.customers.CustomerMerges;
import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** On the home page of managers and admins: pairs of possible duplicates waiting for someone to decide. */
@Component
class DuplicatesHomeBlock implements HomeBlock {

    static final int SHOWN = 5;

    private final CustomerMerges merges;

    DuplicatesHomeBlock(CustomerMerges merges) {
        this.merges = merges;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.MANAGER, Role.ADMIN), 40, "home.duplicates", "home.duplicates.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/customers/duplicates";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        long waiting = merges.openCandidateCount();
        if (waiting == 0) {
            return Content.ofRows(List.of());
        }
        return new Content(
                List.of(new Figure("home.duplicates.waiting", Long.toString(waiting), null, Tone.WARNING, null)),
                merges.openCandidates(SHOWN).stream()
                        .map(pair -> new Row(
                                pair.customer().name() + " ↔ " + pair.other().name(),
                                "/customers/duplicates",
                                Note.of("home.duplicates.reason", pair.reason()),
                                Tone.NEUTRAL))
                        .toList());
    }
}
