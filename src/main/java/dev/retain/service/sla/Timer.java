package dev.retain.service.sla;

import dev.retain.platform.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/**
 * One SLA timer and its arithmetic in business time. Running, it counts from {@code runningSince} on top of the
 * business seconds banked by earlier stretches ({@code usedSeconds}); its due time is where the calendar reaches the
 * budget. A pause banks the stretch; a resume starts a new one with the remaining time; a stop banks it and decides met
 * or breached. A breach, once it happened, stays recorded however the timer moves later.
 */
record Timer(
        long customerId,
        long ticketId,
        SlaTarget target,
        int cycle,
        long calendarId,
        int budgetMinutes,
        int warnPercent,
        TimerState state,
        Instant startedAt,
        long usedSeconds,
        Instant runningSince,
        Instant dueAt,
        Instant warnAt,
        Instant breachedAt,
        Instant stoppedAt,
        Integer usedMinutes) {

    static Timer start(
            long customerId,
            long ticketId,
            SlaTarget target,
            int cycle,
            BusinessCalendar calendar,
            int budgetMinutes,
            int warnPercent,
            Instant at,
            boolean paused) {
        Timer fresh = new Timer(
                customerId,
                ticketId,
                target,
                cycle,
                calendar.id(),
                budgetMinutes,
                warnPercent,
                TimerState.PAUSED,
                at,
                0,
                null,
                null,
                null,
                null,
                null,
                null);
        return paused ? fresh : fresh.resume(calendar, at);
    }

    long budgetSeconds() {
        return budgetMinutes * 60L;
    }

    /** Business seconds used by {@code at}. */
    long usedBy(BusinessCalendar calendar, Instant at) {
        if (state != TimerState.RUNNING || runningSince == null || !at.isAfter(runningSince)) {
            return usedSeconds;
        }
        return usedSeconds + calendar.workingTimeBetween(runningSince, at).toSeconds();
    }

    Timer pause(BusinessCalendar calendar, Instant at) {
        if (state != TimerState.RUNNING) {
            return this;
        }
        return new Timer(
                customerId,
                ticketId,
                target,
                cycle,
                calendarId,
                budgetMinutes,
                warnPercent,
                TimerState.PAUSED,
                startedAt,
                usedBy(calendar, at),
                null,
                null,
                null,
                breachBy(at),
                null,
                null);
    }

    /** Runs again from {@code at} with what is left of the budget (from a pause, or from a stop when reopened). */
    Timer resume(BusinessCalendar calendar, Instant at) {
        if (state == TimerState.RUNNING) {
            return this;
        }
        return new Timer(
                        customerId,
                        ticketId,
                        target,
                        cycle,
                        calendarId,
                        budgetMinutes,
                        warnPercent,
                        TimerState.RUNNING,
                        startedAt,
                        usedSeconds,
                        at,
                        null,
                        null,
                        breachedAt,
                        null,
                        null)
                .recomputed(calendar);
    }

    /** A stopped timer brought back by a reopen into a pausing status: it waits with the time left at the stop. */
    Timer reopenedPaused() {
        return new Timer(
                customerId,
                ticketId,
                target,
                cycle,
                calendarId,
                budgetMinutes,
                warnPercent,
                TimerState.PAUSED,
                startedAt,
                usedSeconds,
                null,
                null,
                null,
                breachedAt,
                null,
                null);
    }

    /** The due and warning times of a running timer, on the calendar as it is now. */
    Timer recomputed(BusinessCalendar calendar) {
        if (state != TimerState.RUNNING) {
            return this;
        }
        long left = Math.max(0, budgetSeconds() - usedSeconds);
        Instant due = calendar.plusWorkingTime(runningSince, Duration.ofSeconds(left));
        long warnUsed = budgetSeconds() * warnPercent / 100;
        Instant warn = calendar.plusWorkingTime(runningSince, Duration.ofSeconds(Math.max(0, warnUsed - usedSeconds)));
        return new Timer(
                customerId,
                ticketId,
                target,
                cycle,
                calendarId,
                budgetMinutes,
                warnPercent,
                state,
                startedAt,
                usedSeconds,
                runningSince,
                due,
                warn,
                breachedAt,
                stoppedAt,
                usedMinutes);
    }

    /** Stops for good (or until a reopen): met when the business time used stayed within the budget. */
    Timer stop(BusinessCalendar calendar, Instant at) {
        if (state.stopped()) {
            return this;
        }
        long used = usedBy(calendar, at);
        Instant breach = breachBy(at);
        boolean breached = breach != null || used > budgetSeconds();
        if (breached && breach == null) {
            breach = at;
        }
        return new Timer(
                customerId,
                ticketId,
                target,
                cycle,
                calendarId,
                budgetMinutes,
                warnPercent,
                breached ? TimerState.BREACHED : TimerState.MET,
                startedAt,
                used,
                null,
                null,
                null,
                breach,
                at,
                (int) (used / 60));
    }

    private Instant breachBy(Instant at) {
        if (breachedAt != null) {
            return breachedAt;
        }
        return state == TimerState.RUNNING && dueAt != null && dueAt.isBefore(at) ? dueAt : null;
    }
}
