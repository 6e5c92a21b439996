package dev.retain.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** The second step of a two-factor sign-in waits five minutes for its code, then the password is asked again. */
class PendingSecondStepTests {

    private static final Instant PASSWORD_ACCEPTED = Instant.parse("2026-11-02T08:00:00Z");

    @Test
    void theStepLastsFiveMinutesAfterThePassword() {
        var session = new MockHttpSession();
        new PendingSecondStep("li.lei", PASSWORD_ACCEPTED).keepIn(session);

        var inTime = PendingSecondStep.of(session, PASSWORD_ACCEPTED.plus(Duration.ofMinutes(5)));
        var late = PendingSecondStep.of(
                session, PASSWORD_ACCEPTED.plus(Duration.ofMinutes(5).plusSeconds(1)));
        var afterwards = PendingSecondStep.of(session, PASSWORD_ACCEPTED);

        assertThat(inTime)
                .hasValueSatisfying(step -> assertThat(step.username()).isEqualTo("li.lei"));
        assertThat(late).isEmpty();
        assertThat(afterwards).as("a step run out is forgotten").isEmpty();
    }

    @Test
    void aSessionWithoutAStepHasNone() {
        assertThat(PendingSecondStep.of(new MockHttpSession(), PASSWORD_ACCEPTED))
                .isEmpty();
        assertThat(PendingSecondStep.of(null, PASSWORD_ACCEPTED)).isEmpty();
    }
}
