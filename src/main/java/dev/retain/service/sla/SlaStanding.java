package dev.retain.service.sla;

import java.time.Instant;

/**
 * Where one target of a ticket stands: its state, its due time (null while paused or stopped), the business minutes
 * left (negative once overdue) or used (when stopped), and whether it was breached.
 */
public record SlaStanding(
        SlaTarget target,
        int cycle,
        TimerState state,
        Instant dueAt,
        long businessMinutesLeft,
        int budgetMinutes,
        Integer usedMinutes,
        boolean breached,
        Instant breachedAt,
        Instant stoppedAt) {

    public boolean paused() {
        return state == TimerState.PAUSED;
    }
}
