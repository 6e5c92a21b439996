package dev.retain.service.knowledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.messaging.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The public suggestions' limit: so many a minute per address, counted afresh each minute. */
class SuggestThrottleTests {

    @Test
    void anAddressIsRefusedOverItsLimitUntilTheNextMinute() {
        var clock = new MovableClock();
        clock.set(Instant.parse("2026-03-02T08:00:00Z"));
        var throttle = new SuggestThrottle(3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.allow("10.0.0.1")).isTrue();
        }
        assertThat(throttle.allow("10.0.0.1")).isFalse();
        assertThat(throttle.allow("10.0.0.2")).isTrue();

        clock.advance(Duration.ofMinutes(1));

        assertThat(throttle.allow("10.0.0.1")).isTrue();
    }
}
