package dev.retain.platform.jobs;

import java.time.Instant;

/** One run of a scheduled job; {@code finishedAt} and {@code durationMs} are null while it runs or if it died. */
record JobRun(
        String job,
        Instant scheduledFor,
        String instance,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        Outcome outcome,
        String error) {

    enum Outcome {
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** Its instance died during the run; the scheduler ran the job again on another. */
        INTERRUPTED
    }
}
