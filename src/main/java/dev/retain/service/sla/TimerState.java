package dev.retain.service.sla;

/** A timer runs, waits paused (pending customer, on hold), or stopped as met or breached. */
public enum TimerState {
    RUNNING,
    PAUSED,
    MET,
    BREACHED;

    public boolean stopped() {
        return this == MET || this == BREACHED;
    }
}
