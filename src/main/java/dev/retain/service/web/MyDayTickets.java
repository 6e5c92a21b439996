package dev.retain.service.web;

import dev.retain.platform.HomeBlock.Content;
import dev.retain.platform.HomeBlock.Heading;
import dev.retain.platform.HomeBlock.Note;
import dev.retain.platform.HomeBlock.Row;
import dev.retain.platform.HomeBlock.Tone;
import dev.retain.platform.MyDaySection;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.service.TicketPriority;
import dev.retain.service.TicketQuery;
import dev.retain.service.TicketStatus;
import dev.retain.service.TicketView;
import dev.retain.service.Tickets;
import java.util.Set;
import org.springframework.stereotype.Component;

/** "My day": the agent's open tickets, most urgent and longest waiting first. */
@Component
class MyDayTickets implements MyDaySection {

    static final int SHOWN = 20;
    static final int ORDER = 15;

    private final Tickets tickets;

    MyDayTickets(Tickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Heading heading() {
        return new Heading(
                Set.of(Role.SERVICE, Role.MANAGER, Role.ADMIN), ORDER, "myDay.tickets.title", "myDay.tickets.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return "/tickets?view=MINE";
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return Content.ofRows(tickets.search(TicketQuery.of(TicketView.MINE), viewer.id(), 0, SHOWN).items().stream()
                .map(t -> new Row(
                        t.reference() + " " + t.subject(),
                        "/tickets/" + t.id(),
                        Note.of(
                                "myDay.tickets.note",
                                t.customerName() == null ? "" : t.customerName(),
                                t.status() == TicketStatus.NEW ? 1 : 0),
                        t.priority() == TicketPriority.URGENT || t.priority() == TicketPriority.HIGH
                                ? Tone.BAD
                                : t.status() == TicketStatus.NEW ? Tone.WARNING : Tone.NEUTRAL))
                .toList());
    }
}
