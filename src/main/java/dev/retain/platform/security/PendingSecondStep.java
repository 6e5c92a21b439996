package dev.retain.platform.security;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A sign-in whose password was right and whose second step is still to come, kept in the (not yet signed-in) session:
 * whose account, and since when. It lasts a few minutes; then the sign-in starts again from the password.
 */
record PendingSecondStep(String username, Instant passwordAcceptedAt) implements Serializable {

    static final Duration LASTS = Duration.ofMinutes(5);

    private static final String ATTRIBUTE = PendingSecondStep.class.getName();

    void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /** The session's pending second step, unless it ran out. */
    static Optional<PendingSecondStep> of(HttpSession session, Instant now) {
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof PendingSecondStep pending)) {
            return Optional.empty();
        }
        if (now.isAfter(pending.passwordAcceptedAt().plus(LASTS))) {
            forget(session);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    static void forget(HttpSession session) {
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }
}
