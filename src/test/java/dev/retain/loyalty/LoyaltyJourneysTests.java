package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.journeys.Journey;
import dev.retain.journeys.Journeys;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Points and journeys: members are reminded once of points about to expire, with a {@code points_expiring} event a
 * journey starts from; the journey's {@code award_points} step gives points once per enrolment step.
 */
@LoyaltyTest
class LoyaltyJourneysTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Loyalty loyalty;

    @Autowired
    NightlyLoyaltyRun nightly;

    @Autowired
    Journeys journeys;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    ObjectMapper json;

    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(Instant.parse("2027-05-03T02:00:00Z"));
        fixtures = new LoyaltyFixtures(customers, programme, ApiClient.withRoles(port, apiKeys, Role.ADMIN), jdbc);
        // points last 40 days; reminders 10 days before
        fixtures.programme(0, ExpiryPolicy.ROLLING_DAYS, 12, 40, RefundShortfall.NEGATIVE_BALANCE);
        programme.update(new LoyaltyProgramme.SettingsChange(null, null, null, null, null, null, null, 10, null));
    }

    @AfterEach
    void resetClock() {
        programme.update(new LoyaltyProgramme.SettingsChange(null, null, null, null, null, null, null, 30, null));
        clock.set(null);
    }

    @Test
    void membersAreRemindedOnceOfPointsAboutToExpireAndAJourneyAwardsPointsOnce() {
        Journey bonus = journeys.create("积分到期提醒 " + fixtures.token, null, json.readTree("""
                        {"trigger": {"type": "event", "eventType": "points_expiring"}, "start": "give",
                         "nodes": {"give": {"type": "award_points", "params": {"points": 25, "note": "到期前奖励"},
                                            "next": "end"},
                                   "end": {"type": "exit"}}}"""), "test");
        journeys.setStatus(bonus.id(), "ACTIVE");
        try {
            Customer expiring = fixtures.aMember();
            Customer lasting = fixtures.aMember();
            loyalty.earn(expiring.id(), key(), 80, LoyaltyReason.CAMPAIGN, null);
            clock.advance(Duration.ofDays(20));
            loyalty.earn(lasting.id(), key(), 60, LoyaltyReason.CAMPAIGN, null);

            // day 20: the first member's points last until day 40, more than 10 days away
            assertThat(remindersOf(expiring)).isEmpty();
            nightly.run();
            assertThat(remindersOf(expiring)).isEmpty();

            clock.advance(Duration.ofDays(11));
            nightly.run();
            nightly.run();
            assertThat(remindersOf(expiring)).containsExactly(Map.of("points", "80", "expires_on", "2027-06-12"));
            assertThat(remindersOf(lasting)).isEmpty();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> loyalty.wallet(expiring.id()).active() == 105);
            clock.advance(Duration.ofDays(1));
            nightly.run();
            assertThat(remindersOf(expiring)).hasSize(1);
            assertThat(jdbc.sql("""
                            select count(*) from loyalty_transactions
                            where customer_id = ? and reason = 'CAMPAIGN' and note = '到期前奖励'""").param(expiring.id()).query(Long.class).single())
                    .isEqualTo(1);
            assertThat(loyalty.wallet(lasting.id()).active()).isEqualTo(60);
        } finally {
            journeys.setStatus(bonus.id(), "ARCHIVED");
        }
    }

    @Test
    void anAwardStepWithoutWholePositivePointsIsRefused() {
        var created = fixtures.admin()
                .post("/api/v1/journeys", Map.of("name", "坏的积分步骤 " + fixtures.token, "graph", json.readTree("""
                        {"trigger": {"type": "api"}, "start": "give",
                         "nodes": {"give": {"type": "award_points", "params": {"points": -5}, "next": "end"},
                                   "end": {"type": "exit"}}}""")));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.body().toString()).contains("points: a whole number of points from 1 to 1000000");
    }

    private List<Map<String, String>> remindersOf(Customer member) {
        return jdbc
                .sql("select properties::text from events where customer_id = ? and type = 'points_expiring'")
                .param(member.id())
                .query(String.class)
                .list()
                .stream()
                .map(text -> json.readValue(text, new tools.jackson.core.type.TypeReference<Map<String, String>>() {}))
                .toList();
    }

    private static String key() {
        return "test:" + UUID.randomUUID();
    }
}
