package dev.retain.service.sla;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendars;
import dev.retain.service.Ticket;
import dev.retain.service.Tickets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** A ticket's SLA as people read it: its policy and where each target stands now, in business time. */
@Service
public class TicketSlas {

    /** The ticket's policy (by name, as when it opened), its calendar and its targets in order. */
    public record TicketSla(String policyName, long calendarId, String calendarName, List<SlaStanding> targets) {}

    private final Tickets tickets;
    private final SlaTimers slaTimers;
    private final TimerStore timers;
    private final BusinessCalendars calendars;
    private final Clock clock;

    TicketSlas(Tickets tickets, SlaTimers slaTimers, TimerStore timers, BusinessCalendars calendars, Clock clock) {
        this.tickets = tickets;
        this.slaTimers = slaTimers;
        this.timers = timers;
        this.calendars = calendars;
        this.clock = clock;
    }

    /** Empty when no policy covered the ticket; the ticket must be in the viewer's sight. */
    public Optional<TicketSla> of(long ticketId) {
        Ticket ticket = tickets.find(ticketId);
        return slaTimers.sla(ticket.customerId(), ticketId).map(sla -> {
            BusinessCalendar calendar = calendars.find(sla.calendarId());
            Instant now = clock.instant();
            List<SlaStanding> standings = timers.of(ticket.customerId(), ticketId).stream()
                    .sorted(java.util.Comparator.comparing(Timer::target).thenComparing(Timer::cycle))
                    .map(timer -> standing(timer, calendar, now))
                    .toList();
            return new TicketSla(sla.policyName(), calendar.id(), calendar.name(), standings);
        });
    }

    static SlaStanding standing(Timer timer, BusinessCalendar calendar, Instant now) {
        long used = timer.usedBy(calendar, now);
        Instant breach = timer.breachedAt() != null
                ? timer.breachedAt()
                : timer.state() == TimerState.RUNNING && timer.dueAt().isBefore(now) ? timer.dueAt() : null;
        return new SlaStanding(
                timer.target(),
                timer.cycle(),
                timer.state(),
                timer.dueAt(),
                Math.floorDiv(timer.budgetSeconds() - used, 60),
                timer.budgetMinutes(),
                timer.usedMinutes(),
                breach != null,
                breach,
                timer.stoppedAt());
    }
}
