package dev.retain.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Quiet hours, the frequency cap setting and the retry backoff, without a server. */
class SendingRulesTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final QuietHours quiet = QuietHours.parse("21:00-09:00", SHANGHAI);

    private static java.time.Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void quietHoursOverMidnightDeferToTheirEnd() {
        assertThat(quiet.endIfQuiet(at("2026-11-10T20:59"))).isEmpty();
        assertThat(quiet.endIfQuiet(at("2026-11-10T21:00"))).contains(at("2026-11-11T09:00"));
        assertThat(quiet.endIfQuiet(at("2026-11-10T23:30"))).contains(at("2026-11-11T09:00"));
        assertThat(quiet.endIfQuiet(at("2026-11-11T03:15"))).contains(at("2026-11-11T09:00"));
        assertThat(quiet.endIfQuiet(at("2026-11-11T09:00"))).isEmpty();
    }

    @Test
    void quietHoursWithinADayAndNone() {
        var lunch = QuietHours.parse("12:00-13:30", SHANGHAI);
        assertThat(lunch.endIfQuiet(at("2026-11-10T12:10"))).contains(at("2026-11-10T13:30"));
        assertThat(lunch.endIfQuiet(at("2026-11-10T13:30"))).isEmpty();
        assertThat(QuietHours.parse("off", SHANGHAI).endIfQuiet(at("2026-11-10T23:00")))
                .isEmpty();
    }

    @Test
    void frequencyCapSettings() {
        assertThat(FrequencyCap.parse("2/7d")).isEqualTo(new FrequencyCap(2, Duration.ofDays(7)));
        assertThat(FrequencyCap.parse(" 1 / 12h ")).isEqualTo(new FrequencyCap(1, Duration.ofHours(12)));
        assertThat(FrequencyCap.parse("off").off()).isTrue();
        assertThatThrownBy(() -> FrequencyCap.parse("two a week")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffDoublesUpToItsLimit() {
        var backoff = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(10), 6);
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(10));
    }
}
