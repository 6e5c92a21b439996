package dev.retain.service.sla;

import java.time.Instant;

/**
 * Where one target of a ticket stands: its state, its due time (null while paused or stopped), the business minutes
 * left (negative once overdue) or used (when stopped), whether it was breached and whether it waits paused.
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
        Instant stoppedAt,
        boolean paused) {}
