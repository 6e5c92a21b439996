package dev.retain.journeys;

import java.time.Instant;

/**
 * A customer's enrolment in a journey, for the customer page: the version they walk, where they are ({@code
 * currentNode}), whether they are in the holdout, and — while active — when their next step is due and the event a wait
 * is waiting for ({@code waitingFor}, e.g. "ordered"), if any.
 */
public record CustomerEnrolment(
        long enrolmentId,
        long journeyId,
        String journeyName,
        int version,
        String status,
        boolean holdout,
        String currentNode,
        Instant enteredAt,
        Instant endedAt,
        String endReason,
        Instant nextStepAt,
        String waitingFor) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
