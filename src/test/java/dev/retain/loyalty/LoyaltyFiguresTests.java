package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The programme's dashboard figures move with the ledger: points given raise what the programme owes by their value
 * and the month's issued points, points spent and run out show in their months, and a member who buys twice counts
 * as a repeat buyer among members, and members reaching a tier count in it and in its moves.
 */
@LoyaltyTest
class LoyaltyFiguresTests {

    private static final LocalDate FIRST = LocalDate.of(2028, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2028, 2, 29);
    private static final long OWNERS = 900_000_000L;

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Loyalty loyalty;

    @Autowired
    LoyaltyFigures figures;

    @Autowired
    NightlyLoyaltyRun nightly;

    @Autowired
    LoyaltyTiers tiers;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2028-01-10T02:00:00Z"));
        fixtures = new LoyaltyFixtures(customers, programme, ApiClient.withRoles(port, apiKeys, Role.ADMIN), jdbc);
        fixtures.programme(0, ExpiryPolicy.ROLLING_DAYS, 12, 30, RefundShortfall.NEGATIVE_BALANCE);
        programme.update(new LoyaltyProgramme.SettingsChange(
                null, null, null, null, null, null, null, null, new BigDecimal("0.05")));
    }

    @AfterEach
    void resetClock() {
        programme.update(new LoyaltyProgramme.SettingsChange(
                null, null, null, null, null, null, null, null, new BigDecimal("0.01")));
        clock.set(null);
    }

    @Test
    void pointsGivenSpentAndRunOutMoveTheirMonthsAndWhatTheProgrammeOwes() {
        Customer member = owned(fixtures.aMember());
        long owner = ownerOf(member);
        var before = figures.of(FIRST, LAST, owner);
        loyalty.earn(member.id(), key(), 400, LoyaltyReason.CAMPAIGN, null);
        loyalty.redeem(member.id(), key(), 150, null);
        var january = figures.of(FIRST, LAST, owner);

        assertThat(january.liability().activePoints() - before.liability().activePoints())
                .isEqualTo(250);
        assertThat(january.liability().value().subtract(before.liability().value()))
                .isEqualByComparingTo("12.50");
        assertThat(january.months())
                .extracting(LoyaltyFigures.Month::month)
                .containsExactly(YearMonth.of(2028, 1), YearMonth.of(2028, 2));
        assertThat(january.months().get(0).issued() - before.months().get(0).issued())
                .isEqualTo(400);
        assertThat(january.months().get(0).redeemed() - before.months().get(0).redeemed())
                .isEqualTo(150);

        // 30 days on the rest runs out: in February
        clock.advance(Duration.ofDays(32));
        nightly.run();
        var february = figures.of(FIRST, LAST, owner);
        assertThat(february.months().get(1).expired() - january.months().get(1).expired())
                .isEqualTo(250);
        assertThat(february.liability().activePoints() - january.liability().activePoints())
                .isEqualTo(-250);
        assertThat(february.redemptionRate()).isNotNull();
    }

    @Test
    void aMemberWhoBuysTwiceInThePeriodCountsAsARepeatBuyer() {
        Customer member = owned(fixtures.aMember());
        var before = figures.of(FIRST, LAST, ownerOf(member)).repeat();
        fixtures.order(member, "R1-" + fixtures.token, "2028-01-05 10:00", "100");
        fixtures.order(member, "R2-" + fixtures.token, "2028-01-07 10:00", "60");
        fixtures.awaitOrderPoints("R2-" + fixtures.token, 60);
        var after = figures.of(FIRST, LAST, ownerOf(member)).repeat();

        assertThat(after.memberBuyers() - before.memberBuyers()).isEqualTo(1);
        assertThat(after.memberRepeaters() - before.memberRepeaters()).isEqualTo(1);
    }

    /** The member under an owner of their own, so the owner filter shows their figures alone. */
    private Customer owned(Customer member) {
        jdbc.sql("update customers set owner_id = ? where id = ?")
                .params(OWNERS + member.id(), member.id())
                .update();
        return member;
    }

    private static long ownerOf(Customer member) {
        return OWNERS + member.id();
    }

    @Test
    void membersSpreadOverTheTiersAndTheirMovesShowInThePeriod() {
        tiers.update(new LoyaltyTiers.Change(
                TierBasis.POINTS,
                12,
                12,
                30,
                14,
                List.of(
                        new Tier(null, "普通", BigDecimal.ZERO, null, null, null, null),
                        new Tier(null, "银卡", new BigDecimal("300"), null, null, null, null))));
        try {
            Customer member = owned(fixtures.aMember());
            loyalty.earn(member.id(), key(), 400, LoyaltyReason.CAMPAIGN, null);

            assertThat(figures.of(FIRST, LAST, ownerOf(member)).tiers())
                    .extracting(
                            LoyaltyFigures.TierFigures::tier,
                            LoyaltyFigures.TierFigures::members,
                            LoyaltyFigures.TierFigures::movedUpInto)
                    .containsExactly(tuple("普通", 0L, 0L), tuple("银卡", 1L, 1L));
        } finally {
            tiers.update(new LoyaltyTiers.Change(TierBasis.POINTS, 12, 12, 30, 14, List.of()));
        }
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }
}
