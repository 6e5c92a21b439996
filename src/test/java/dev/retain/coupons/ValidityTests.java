package dev.retain.coupons;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class ValidityTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-03-01 23:30 in Shanghai, already the 1st there but still February in UTC. */
    private static final Instant ISSUED =
            ZonedDateTime.of(2026, 3, 1, 23, 30, 0, 0, SHANGHAI).toInstant();

    @Test
    void daysAfterIssueRunToTheEndOfTheLastDayInTheCompanysZone() {
        Instant expiry = Validity.expiresAt(campaign(null, null, 7), ISSUED, SHANGHAI);

        assertThat(expiry)
                .isEqualTo(ZonedDateTime.of(2026, 3, 9, 0, 0, 0, 0, SHANGHAI).toInstant());
    }

    @Test
    void aFixedEndDateRunsToTheEndOfThatDay() {
        Instant expiry = Validity.expiresAt(campaign(null, LocalDate.of(2026, 3, 31), null), ISSUED, SHANGHAI);

        assertThat(expiry)
                .isEqualTo(ZonedDateTime.of(2026, 4, 1, 0, 0, 0, 0, SHANGHAI).toInstant());
    }

    @Test
    void withBothTheEarlierEndWins() {
        assertThat(Validity.expiresAt(campaign(null, LocalDate.of(2026, 3, 5), 30), ISSUED, SHANGHAI))
                .isEqualTo(ZonedDateTime.of(2026, 3, 6, 0, 0, 0, 0, SHANGHAI).toInstant());
        assertThat(Validity.expiresAt(campaign(null, LocalDate.of(2026, 12, 31), 3), ISSUED, SHANGHAI))
                .isEqualTo(ZonedDateTime.of(2026, 3, 5, 0, 0, 0, 0, SHANGHAI).toInstant());
    }

    @Test
    void aCampaignIsOverAfterItsLastDayAndNotStartedBeforeItsFirst() {
        var march = campaign(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 31), null);

        assertThat(Validity.notStarted(march, ISSUED, SHANGHAI)).isTrue();
        assertThat(Validity.over(march, ISSUED, SHANGHAI)).isFalse();
        Instant lastMinute =
                ZonedDateTime.of(2026, 3, 31, 23, 59, 0, 0, SHANGHAI).toInstant();
        assertThat(Validity.over(march, lastMinute, SHANGHAI)).isFalse();
        assertThat(Validity.over(march, lastMinute.plusSeconds(60), SHANGHAI)).isTrue();
    }

    private static CouponCampaign campaign(LocalDate from, LocalDate until, Integer days) {
        return new CouponCampaign(
                1,
                "test",
                null,
                CampaignKind.FIXED,
                BigDecimal.TEN,
                null,
                null,
                "CNY",
                BigDecimal.ZERO,
                from,
                until,
                days,
                null,
                1,
                0,
                CampaignStatus.ACTIVE,
                "¥10 off",
                "test",
                ISSUED,
                ISSUED);
    }
}
