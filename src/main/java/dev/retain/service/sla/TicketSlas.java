package dev.retain.service.sla;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendars;
import dev.retain.service.Ticket;
import dev.retain.service.Tickets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    private final JdbcClient jdbc;

    TicketSlas(
            Tickets tickets,
            SlaTimers slaTimers,
            TimerStore timers,
            BusinessCalendars calendars,
            Clock clock,
            JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /**
     * For a page of tickets, the most pressing target of each that has one running or paused (breached first, then
     * the least business time left): what the list's due badges show. One query for the page.
     */
    public Map<Long, SlaStanding> mostPressing(Collection<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Map<Long, SlaStanding> pressing = new HashMap<>();
        jdbc.sql("select " + TimerStore.COLUMNS + " from ticket_sla_timers where ticket_id = any (?)"
                        + " and state in ('RUNNING', 'PAUSED')")
                .param(ticketIds.toArray(Long[]::new))
                .query(TimerStore::timer)
                .list()
                .forEach(timer -> {
                    SlaStanding standing = standing(timer, calendars.find(timer.calendarId()), now);
                    pressing.merge(timer.ticketId(), standing, TicketSlas::morePressing);
                });
        return pressing;
    }

    private static SlaStanding morePressing(SlaStanding a, SlaStanding b) {
        if (a.breached() != b.breached()) {
            return a.breached() ? a : b;
        }
        if (a.paused() != b.paused()) {
            return a.paused() ? b : a;
        }
        return a.businessMinutesLeft() <= b.businessMinutesLeft() ? a : b;
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
                timer.stoppedAt(),
                timer.state() == TimerState.PAUSED);
    }
}
