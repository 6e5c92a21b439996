package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.segments.Conditions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Badges (成就): a rule in the condition language, awarded once per member when it becomes true — right after the
 * member's orders change, or by the nightly run for everyone — with its reward once, the event journeys start from,
 * and the condition fields; a rule that could not run is refused saying which part is wrong, with nothing written.
 */
@LoyaltyTest
class BadgeTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Badges badges;

    @Autowired
    NightlyLoyaltyRun nightly;

    @Autowired
    BadgeAwarding awarding;

    @Autowired
    Conditions conditions;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    MovableClock clock;

    ApiClient admin;
    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(null);
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        fixtures = new LoyaltyFixtures(customers, programme, admin, jdbc);
    }

    @Test
    void aBadgeIsAwardedOnceWhenItsRuleBecomesTrueAsOrdersArriveWithItsRewardOnce() {
        Badge badge = badges.create(
                new BadgeDraft("回头客 " + fixtures.token, "Three orders", 50, true, rule("""
                        {"and": [{"field": "orders.count", "op": "gte", "value": 3},
                                 {"field": "profile.city", "op": "eq", "value": "回头城%s"}]}""".formatted(fixtures.token))));
        Customer member = aMember("orders", "回头城" + fixtures.token, null);
        fixtures.order(member, "b1", "2026-03-01", "10");
        fixtures.order(member, "b2", "2026-03-02", "10");
        fixtures.orderId("b2");

        assertThat(awarding.run(List.of(member.id()))).isZero();
        assertThat(earned(member, badge)).isZero();

        fixtures.order(member, "b3", "2026-03-03", "10");
        await().atMost(Duration.ofSeconds(20)).until(() -> earned(member, badge) == 1);
        fixtures.order(member, "b4", "2026-03-04", "10");
        nightly.run();
        await().atMost(Duration.ofSeconds(20)).until(() -> badgeEvents(member) == 1);

        assertThat(earned(member, badge)).isEqualTo(1);
        assertThat(rewards(member, badge)).isEqualTo(1);
        assertThat(badgePoints(member)).isEqualTo(50);
        assertThat(badgeEvents(member)).isEqualTo(1);
        var shown = admin.get("/api/v1/loyalty/members/" + member.id() + "/badges");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().get(0).get("name").asString()).isEqualTo(badge.name());
        assertThat(shown.body().get(0).get("points").asLong()).isEqualTo(50);
        assertThat(matches(member, """
                        {"field": "loyalty.badge", "params": {"name": "%s"}, "op": "is_true"}""".formatted(badge.name()))).isTrue();
        assertThat(matches(member, """
                        {"field": "loyalty.badge_count", "op": "gte", "value": 1}""")).isTrue();
    }

    @Test
    void theNightlyRunAwardsEveryoneWhoseRuleIsTrueOnceAndAgainNothing() {
        String city = "徽章城" + fixtures.token;
        Customer first = aMember("nightly", city, null);
        Customer second = aMember("nightly", city, null);
        Customer elsewhere = aMember("nightly", "别处" + fixtures.token, null);
        Badge badge =
                badges.create(new BadgeDraft("本地会员 " + fixtures.token, null, 20, true, rule("""
                        {"field": "profile.city", "op": "eq", "value": "%s"}""".formatted(city))));

        nightly.run();
        nightly.run();

        assertThat(earned(first, badge)).isEqualTo(1);
        assertThat(earned(second, badge)).isEqualTo(1);
        assertThat(earned(elsewhere, badge)).isZero();
        assertThat(rewards(first, badge)).isEqualTo(1);
        assertThat(badgePoints(second)).isEqualTo(20);
        assertThat(badgeEvents(first)).isEqualTo(1);
        assertThat(fixtures.transactions(elsewhere.id(), LoyaltyReason.CAMPAIGN))
                .isZero();
    }

    @Test
    void aDeactivatedBadgeIsAwardedNoMore() {
        String city = "停用城" + fixtures.token;
        Customer member = aMember("inactive", city, null);
        Badge badge = badges.create(new BadgeDraft("停用 " + fixtures.token, null, 0, true, rule("""
                        {"field": "profile.city", "op": "eq", "value": "%s"}""".formatted(city))));
        badges.activate(badge.id(), false);

        nightly.run();

        assertThat(earned(member, badge)).isZero();
    }

    @Test
    void aRuleThatCannotRunIsRefusedSayingWhichPartAndNothingIsWritten() {
        String name = "坏规则 " + fixtures.token;
        var unknownField = admin.post(
                "/api/v1/loyalty/badges",
                Map.of("name", name, "condition", Map.of("field", "orders.nope", "op", "gte", "value", 3)));
        var wrongOperator = admin.post(
                "/api/v1/loyalty/badges",
                Map.of("name", name, "condition", Map.of("field", "orders.count", "op", "contains", "value", 3)));
        var noCondition = admin.post("/api/v1/loyalty/badges", Map.of("name", name, "points", -1));

        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.contentType()).contains("application/problem+json");
        assertThat(unknownField.body().get("errors").get(0).get("field").asString())
                .startsWith("condition");
        assertThat(unknownField.body().toString()).contains("orders.nope");
        assertThat(wrongOperator.status()).isEqualTo(400);
        assertThat(wrongOperator.body().toString()).contains("condition.op");
        assertThat(noCondition.status()).isEqualTo(400);
        assertThat(noCondition.body().toString()).contains("points", "condition");
        assertThat(jdbc.sql("select count(*) from loyalty_badges where name = ?")
                        .param(name)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void badgesAreMadeAndChangedThroughTheApi() {
        var created = admin.post(
                "/api/v1/loyalty/badges",
                Map.of(
                        "name",
                        "咖啡达人 " + fixtures.token,
                        "description",
                        "100 杯",
                        "points",
                        100,
                        "condition",
                        Map.of(
                                "field",
                                "orders.count",
                                "op",
                                "gte",
                                "value",
                                100,
                                "params",
                                Map.of("category", "咖啡"))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long id = created.body().get("id").asLong();

        var deactivated = admin.put(
                "/api/v1/loyalty/badges/" + id,
                Map.of(
                        "name",
                        "咖啡达人 " + fixtures.token,
                        "active",
                        false,
                        "condition",
                        created.body().get("condition")));
        var duplicate = admin.post(
                "/api/v1/loyalty/badges",
                Map.of(
                        "name",
                        "咖啡达人 " + fixtures.token,
                        "condition",
                        created.body().get("condition")));

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.body().get("active").asBoolean()).isFalse();
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/loyalty/badges").body().toString()).contains("咖啡达人 " + fixtures.token);
    }

    /** Badges stay in the database the module's tests share: none of them may reach another test's members. */
    @AfterEach
    void deactivateBadges() {
        jdbc.sql("update loyalty_badges set active = false").update();
    }

    private Customer aMember(String source, String city, String phone) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "徽章" + fixtures.token + "-" + System.nanoTime(),
                phone,
                "badge-" + System.nanoTime() + "-" + fixtures.token + "@example.com",
                null,
                null,
                city,
                null,
                null,
                null,
                null,
                null,
                source,
                Map.of()));
    }

    private JsonNode rule(String text) {
        return json.readTree(text);
    }

    private boolean matches(Customer member, String condition) {
        return conditions
                .matchingAmong(conditions.parse(json.readTree(condition)), List.of(member.id()))
                .contains(member.id());
    }

    private long earned(Customer member, Badge badge) {
        return jdbc.sql("select count(*) from loyalty_member_badges where customer_id = ? and badge_id = ?")
                .params(member.id(), badge.id())
                .query(Long.class)
                .single();
    }

    private long rewards(Customer member, Badge badge) {
        return jdbc.sql("select count(*) from loyalty_transactions where customer_id = ? and idempotency_key = ?")
                .params(member.id(), "badge:" + badge.id() + ":" + member.id())
                .query(Long.class)
                .single();
    }

    /** The member's points from badges (whatever their orders earn, should another test have the programme on). */
    private long badgePoints(Customer member) {
        return jdbc.sql("""
                        select coalesce(sum(e.points), 0) from loyalty_entries e
                        join loyalty_transactions t on t.customer_id = e.customer_id and t.id = e.transaction_id
                        where t.customer_id = ? and t.idempotency_key like 'badge:%' and e.account in ('ACTIVE', 'PENDING')""").param(member.id()).query(Long.class).single();
    }

    private long badgeEvents(Customer member) {
        return jdbc.sql("select count(*) from events where customer_id = ? and type = 'badge_earned'")
                .param(member.id())
                .query(Long.class)
                .single();
    }
}
