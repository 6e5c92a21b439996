package dev.retain.service.sla;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendars;
import dev.retain.service.AuthorKind;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketMessageAdded;
import dev.retain.service.TicketPriority;
import dev.retain.service.TicketStatus;
import dev.retain.service.TicketStatusMoved;
import dev.retain.service.Visibility;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps a ticket's SLA timers in step with its life, inside the transaction of each change: a new ticket gets the
 * first matching policy and its first-response and resolution timers; a pausing status (pending customer, on hold, as
 * the policy says) pauses them and leaving it resumes them with the business time left; solve and close stop them
 * (met or breached, with the business minutes used); a reopen resumes the resolution timer with the time left at the
 * solve (a breach before stays a breach); an agent's public reply stops the response timers; a customer's message after
 * the first response starts a next-response timer unless one is already waiting.
 */
@Component
class SlaTimers {

    /** A ticket's policy as it got it when it opened. */
    record TicketSla(
            Long policyId,
            String policyName,
            long calendarId,
            Set<TicketStatus> pauseStatuses,
            Integer nextResponseMinutes,
            int warnPercent) {}

    /** The fields of a new ticket that policies match on. */
    private record Covered(TicketPriority priority, Long categoryId, TicketChannel channel) {}

    private final JdbcClient jdbc;
    private final SlaPolicies policies;
    private final BusinessCalendars calendars;
    private final TimerStore timers;

    SlaTimers(JdbcClient jdbc, SlaPolicies policies, BusinessCalendars calendars, TimerStore timers) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.calendars = calendars;
        this.timers = timers;
    }

    @EventListener
    void on(TicketStatusMoved moved) {
        if (moved.from() == null) {
            start(moved.customerId(), moved.ticketId(), moved.to(), moved.at());
            return;
        }
        Optional<TicketSla> sla = sla(moved.customerId(), moved.ticketId());
        if (sla.isEmpty()) {
            return;
        }
        BusinessCalendar calendar = calendars.find(sla.get().calendarId());
        boolean pausing = sla.get().pauseStatuses().contains(moved.to());
        for (Timer timer : timers.of(moved.customerId(), moved.ticketId())) {
            Timer next = timer;
            if (!moved.to().isOpen()) {
                next = timer.stop(calendar, moved.at());
            } else if (timer.state().stopped()) {
                if (timer.target() == SlaTarget.RESOLUTION && !moved.from().isOpen()) {
                    next = pausing ? timer.reopenedPaused() : timer.resume(calendar, moved.at());
                }
            } else if (pausing) {
                next = timer.pause(calendar, moved.at());
            } else {
                next = timer.resume(calendar, moved.at());
            }
            if (!next.equals(timer)) {
                timers.update(next);
            }
        }
    }

    @EventListener
    void on(TicketMessageAdded added) {
        if (added.visibility() != Visibility.PUBLIC) {
            return;
        }
        Optional<TicketSla> sla = sla(added.customerId(), added.ticketId());
        if (sla.isEmpty()) {
            return;
        }
        BusinessCalendar calendar = calendars.find(sla.get().calendarId());
        List<Timer> existing = timers.of(added.customerId(), added.ticketId());
        if (added.author() == AuthorKind.AGENT) {
            existing.stream()
                    .filter(t ->
                            t.target() != SlaTarget.RESOLUTION && !t.state().stopped())
                    .forEach(t -> timers.update(t.stop(calendar, added.at())));
            return;
        }
        if (added.author() != AuthorKind.CUSTOMER || sla.get().nextResponseMinutes() == null) {
            return;
        }
        boolean awaitingResponse = existing.stream()
                .anyMatch(t -> t.target() != SlaTarget.RESOLUTION && !t.state().stopped());
        TicketStatus status = jdbc.sql("select status from tickets where customer_id = ? and id = ?")
                .params(added.customerId(), added.ticketId())
                .query((rs, n) -> TicketStatus.valueOf(rs.getString(1)))
                .single();
        if (awaitingResponse || status == TicketStatus.CLOSED || !answeredOnce(added)) {
            return;
        }
        int cycle = existing.stream()
                        .filter(t -> t.target() == SlaTarget.NEXT_RESPONSE)
                        .mapToInt(Timer::cycle)
                        .max()
                        .orElse(0)
                + 1;
        timers.insert(Timer.start(
                added.customerId(),
                added.ticketId(),
                SlaTarget.NEXT_RESPONSE,
                cycle,
                calendar,
                sla.get().nextResponseMinutes(),
                sla.get().warnPercent(),
                added.at(),
                sla.get().pauseStatuses().contains(status)));
    }

    private boolean answeredOnce(TicketMessageAdded added) {
        return jdbc.sql("select first_response_at is not null from tickets where customer_id = ? and id = ?")
                .params(added.customerId(), added.ticketId())
                .query(Boolean.class)
                .single();
    }

    private void start(long customerId, long ticketId, TicketStatus status, Instant at) {
        Covered ticket = jdbc.sql("select priority, category_id, channel from tickets where customer_id = ? and id = ?")
                .params(customerId, ticketId)
                .query((rs, n) -> new Covered(
                        TicketPriority.valueOf(rs.getString(1)),
                        rs.getObject(2) == null ? null : rs.getLong(2),
                        TicketChannel.valueOf(rs.getString(3))))
                .single();
        Optional<SlaPolicy> matched =
                policies.matching(ticket.priority(), ticket.categoryId(), ticket.channel(), customerId);
        if (matched.isEmpty()) {
            return;
        }
        SlaPolicy policy = matched.get();
        BusinessCalendar calendar =
                policy.calendarId() == null ? calendars.standard() : calendars.find(policy.calendarId());
        Set<TicketStatus> pauses = pauseStatuses(policy);
        jdbc.sql("""
                        insert into ticket_slas (customer_id, ticket_id, policy_id, policy_name, calendar_id,
                                                 pause_statuses, next_response_minutes, warn_percent, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        customerId,
                        ticketId,
                        policy.id(),
                        policy.name(),
                        calendar.id(),
                        pauses.stream().map(Enum::name).toArray(String[]::new),
                        policy.nextResponseMinutes(),
                        policy.warnPercent(),
                        Timestamp.from(at))
                .update();
        boolean paused = pauses.contains(status);
        for (SlaTarget target : List.of(SlaTarget.FIRST_RESPONSE, SlaTarget.RESOLUTION)) {
            Integer minutes = policy.minutes(target);
            if (minutes != null) {
                timers.insert(Timer.start(
                        customerId, ticketId, target, 0, calendar, minutes, policy.warnPercent(), at, paused));
            }
        }
    }

    Optional<TicketSla> sla(long customerId, long ticketId) {
        return jdbc.sql("""
                        select policy_id, policy_name, calendar_id, pause_statuses, next_response_minutes, warn_percent
                        from ticket_slas where customer_id = ? and ticket_id = ?""")
                .params(customerId, ticketId)
                .query((rs, n) -> new TicketSla(
                        (Long) rs.getObject(1),
                        rs.getString(2),
                        rs.getLong(3),
                        Arrays.stream((String[]) rs.getArray(4).getArray())
                                .map(TicketStatus::valueOf)
                                .collect(Collectors.toUnmodifiableSet()),
                        (Integer) rs.getObject(5),
                        rs.getInt(6)))
                .optional();
    }

    private static Set<TicketStatus> pauseStatuses(SlaPolicy policy) {
        var pauses = new java.util.LinkedHashSet<TicketStatus>();
        if (policy.pauseWhenPending()) {
            pauses.add(TicketStatus.PENDING_CUSTOMER);
        }
        if (policy.pauseWhenOnHold()) {
            pauses.add(TicketStatus.ON_HOLD);
        }
        return pauses;
    }
}
