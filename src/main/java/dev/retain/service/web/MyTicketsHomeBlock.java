package dev.retain.service.web;

import dev.retain.platform.HomeBlock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import java.util.Set;
import org.springframework.stereotype.Component;

/** An agent's home page starts with their open tickets, as on My day. */
@Component
class MyTicketsHomeBlock implements HomeBlock {

    private final MyDayTickets myDay;

    MyTicketsHomeBlock(MyDayTickets myDay) {
        this.myDay = myDay;
    }

    @Override
    public Heading heading() {
        return new Heading(Set.of(Role.SERVICE), 5, "myDay.tickets.title", "myDay.tickets.empty");
    }

    @Override
    public String link(UserAccount viewer) {
        return myDay.link(viewer);
    }

    @Override
    public Content contentFor(UserAccount viewer) {
        return myDay.contentFor(viewer);
    }
}
