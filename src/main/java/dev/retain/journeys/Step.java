package dev.retain.journeys;

import java.time.Instant;

/** A claimed step: an enrolment due at a node. */
record Step(
        long id,
        long enrolmentId,
        String nodeId,
        int sequence,
        int attempts,
        long journeyId,
        int version,
        long customerId,
        boolean holdout,
        boolean leaving,
        Instant enteredAt) {

    String idempotencyKey(int sequence) {
        return "journey:" + journeyId + ":enrolment:" + enrolmentId + ":step:" + sequence;
    }

    String sourceRef(String node) {
        return "journey:" + journeyId + ":enrolment:" + enrolmentId + ":node:" + node;
    }
}
