package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.Customers;
import dev.retain.customers.TimelineEntry;
import dev.retain.events.Event;
import dev.retain.events.Events;
import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Points for customer events: each event of a rule earns its points at once, within the daily cap (per company day,
 * late events on their own day, however many runs meet at once) and the lifetime cap, once however often the event is
 * seen; the version newest when an event occurred decides its points; bad rules are refused with nothing written.
 */
@LoyaltyTest
class EventPointsTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    LedgerCheck check;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    @Autowired
    Events events;

    @Autowired
    EventEarning earning;

    @Autowired
    LedgerOnTimeline timeline;

    @Autowired
    CustomerMerges merges;

    LoyaltyFixtures fixtures;
    ApiClient admin;

    /** 10:00 in Shanghai on 2027-05-10. */
    static final Instant MORNING = Instant.parse("2027-05-10T02:00:00Z");

    @BeforeEach
    void setUp() {
        clock.set(MORNING);
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        fixtures = new LoyaltyFixtures(customers, programme, admin, jdbc);
        fixtures.programme(7, ExpiryPolicy.END_OF_MONTH, 12, 365, RefundShortfall.NEGATIVE_BALANCE);
    }

    @AfterEach
    void tearDown() {
        programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0, null, null, null, List.of()));
        assertThat(check.run().problems()).isEmpty();
        clock.set(null);
    }

    private String name(String event) {
        return event + "_" + fixtures.token;
    }

    /** A version with these event rules, newest since 2027-05-01 (before the events of the tests). */
    private void rules(EventRuleDraft... rules) {
        Instant now = clock.instant();
        clock.set(Instant.parse("2027-05-01T00:00:00Z"));
        rulesNow(rules);
        clock.set(now);
    }

    private void rulesNow(EventRuleDraft... rules) {
        programme.addRule(new RuleChange(BigDecimal.ONE, Rounding.DOWN, 0, null, null, null, List.of(rules)));
    }

    /**
     * Earns the member's events, and checks a run after it finds nothing more. (A run the programme's change started
     * may have earned some of them first: what counts is what the member holds.)
     */
    private void earn(Customer member) {
        earning.run(List.of(member.id()));
        assertThat(earning.run(List.of(member.id()))).isZero();
    }

    private void load(Customer member, String type, String at) {
        load(member, type, at, Map.of());
    }

    private void load(Customer member, String type, String at, Map<String, String> properties) {
        Event event = new Event(member.id(), type, Instant.parse(at), properties);
        events.loadInBulk(sink -> sink.accept(event));
    }

    private long eventPoints(long customerId) {
        return jdbc.sql("""
                        select coalesce(sum(e.points), 0) from loyalty_entries e
                        join loyalty_transactions t on t.customer_id = e.customer_id and t.id = e.transaction_id
                        where t.customer_id = ? and t.reason = 'EVENT' and e.account in ('ACTIVE', 'PENDING')""").param(customerId).query(Long.class).single();
    }

    @Test
    void eachEventEarnsItsPointsSpendableAtOnceAndNoMoreThanTheDailyCapOfItsCompanyDay() {
        String signIn = name("sign_in");
        rules(EventRuleDraft.of(signIn, 5, 2, null));
        Customer member = fixtures.aMember();
        clock.set(Instant.parse("2027-05-12T02:00:00Z"));
        // three on 05-10 (Shanghai): two earn; 23:30 on 05-10 UTC is 05-11 in Shanghai: its own day
        load(member, signIn, "2027-05-10T03:00:00Z");
        load(member, signIn, "2027-05-10T04:00:00Z");
        load(member, signIn, "2027-05-10T05:00:00Z");
        load(member, signIn, "2027-05-10T23:30:00Z");

        earn(member);
        assertThat(fixtures.sumOf(member.id(), "ACTIVE")).isEqualTo(15);
        assertThat(fixtures.sumOf(member.id(), "PENDING")).isZero();
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.EVENT)).isEqualTo(3);
        assertThat(jdbc.sql("select day, events from loyalty_event_days where customer_id = ? order by day")
                        .param(member.id())
                        .query((rs, row) -> rs.getObject(1, LocalDate.class) + "=" + rs.getInt(2))
                        .list())
                .containsExactly("2027-05-10=2", "2027-05-11=1");
        // the lot expires as any award does: end of the month 12 months on
        assertThat(jdbc.sql("select max(expires_on) from loyalty_lots where customer_id = ?")
                        .param(member.id())
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(LocalDate.of(2028, 5, 31));
    }

    @Test
    void anEventArrivingLateCountsTowardsTheCapOfTheDayItOccurredOn() {
        String signIn = name("late_sign_in");
        rules(EventRuleDraft.of(signIn, 5, 1, null));
        Customer member = fixtures.aMember();
        load(member, signIn, "2027-05-10T01:00:00Z");
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(5);

        clock.set(Instant.parse("2027-05-11T02:00:00Z"));
        load(member, signIn, "2027-05-11T01:00:00Z");
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(10);
        // yesterday's (05-10) arriving now: that day's cap is reached
        load(member, signIn, "2027-05-10T09:00:00Z");
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(10);

        // a late event of a day without one earns, on its own day
        Customer other = fixtures.aMember();
        load(other, signIn, "2027-05-11T01:00:00Z");
        load(other, signIn, "2027-05-10T09:00:00Z");
        earn(other);
        assertThat(eventPoints(other.id())).isEqualTo(10);
        assertThat(jdbc.sql("select earned_on from loyalty_lots where customer_id = ? order by earned_on")
                        .param(other.id())
                        .query(LocalDate.class)
                        .list())
                .containsExactly(LocalDate.of(2027, 5, 10), LocalDate.of(2027, 5, 11));
    }

    @Test
    void aLifetimeCapGivesThePointsOfAProfileCompletedOnceEver() {
        String completed = name("profile_completed");
        rules(new EventRuleDraft("PROFILE_COMPLETED", completed, null, null, null, null, null, null));
        assertThat(programme.currentRule().eventRules())
                .containsExactly(new EventRule(completed, null, 100, null, 1, null, null));
        Customer member = fixtures.aMember();
        load(member, completed, "2027-05-10T01:00:00Z");
        load(member, completed, "2027-05-10T01:30:00Z");
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(100);
        clock.set(Instant.parse("2027-06-20T02:00:00Z"));
        load(member, completed, "2027-06-20T01:00:00Z");
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(100);
    }

    @Test
    void anEventSentTwiceOrRecordedTwiceEarnsOnce() {
        String review = name("review");
        rules(EventRuleDraft.of(review, 20, null, null));
        Customer member = fixtures.aMember();
        String line =
                "{\"email\":\"%s\",\"event_type\":\"%s\",\"occurred_at\":\"2027-05-10T09:00:00+08:00\",\"sku\":\"A\"}"
                        .formatted(member.email(), review);
        for (int i = 0; i < 2; i++) {
            var response = admin.postNdjson("/api/v1/events/bulk?source=shop_" + fixtures.token, line);
            assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(eventPoints(member.id())).isEqualTo(20));
        // the same event recorded once more as a row of its own (another channel): still once
        load(member, review, "2027-05-10T01:00:00Z", Map.of("sku", "A"));
        assertThat(jdbc.sql("select count(*) from events where customer_id = ? and type = ?")
                        .params(member.id(), review)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        assertThat(earning.run(List.of(member.id()))).isZero();
        assertThat(earning.run(null)).isZero();
        assertThat(eventPoints(member.id())).isEqualTo(20);
        long eventId = jdbc.sql("select min(id) from events where customer_id = ? and type = ?")
                .params(member.id(), review)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("select count(*) from loyalty_keys where idempotency_key = ?")
                        .param("event:" + eventId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void manyEventsOfOneMemberOnSeveralThreadsAtOnceNeverEarnMoreThanTheCap() throws Exception {
        String signIn = name("burst");
        rules(EventRuleDraft.of(signIn, 5, 3, null));
        Customer member = fixtures.aMember();
        // a member already: the runs below meet on nothing but the member's lock
        load(member, signIn, "2027-05-09T01:00:00Z");
        earn(member);
        int threads = 8;
        var barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        load(member, signIn, "2027-05-10T0%d:%02d:00Z".formatted(i % 2, thread * 4 + i));
                    }
                    barrier.await();
                    return earning.run(List.of(member.id()));
                }));
            }
            int awarded = 0;
            for (Future<Integer> run : runs) {
                awarded += run.get();
            }
            assertThat(awarded).isLessThanOrEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventPoints(member.id())).isEqualTo(5 + 15);
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.EVENT)).isEqualTo(1 + 3);
        assertThat(jdbc.sql("select events from loyalty_event_days where customer_id = ? and day = '2027-05-10'")
                        .param(member.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aBatchOfEventsOfManyMembersEarnsInOneSetBasedRun() {
        String signIn = name("batch");
        rules(EventRuleDraft.of(signIn, 2, 2, null));
        List<Customer> members = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            members.add(fixtures.aMember());
        }
        StringBuilder lines = new StringBuilder();
        // each member: 5 events on 05-09 (2 earn) and 1 on 05-10 (earns)
        for (Customer member : members) {
            for (int i = 0; i < 5; i++) {
                lines.append(
                        ("{\"email\":\"%s\",\"event_type\":\"%s\",\"occurred_at\":\"2027-05-09T1%d:00:00+08:00\"}\n")
                                .formatted(member.email(), signIn, i));
            }
            lines.append(("{\"email\":\"%s\",\"event_type\":\"%s\",\"occurred_at\":\"2027-05-10T08:00:00+08:00\"}\n")
                    .formatted(member.email(), signIn));
        }
        var response = admin.postNdjson("/api/v1/events/bulk?source=shop_" + fixtures.token, lines.toString());
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
        Long[] ids = members.stream().map(Customer::id).toArray(Long[]::new);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                jdbc.sql("""
                                        select count(*) from loyalty_transactions
                                        where customer_id = any (?) and reason = 'EVENT'""").param(ids).query(Integer.class).single())
                        .isEqualTo(50 * 3));
        earning.run(null);
        assertThat(jdbc.sql("select coalesce(sum(events), 0) from loyalty_event_days where customer_id = any (?)")
                        .param(ids)
                        .query(Integer.class)
                        .single())
                .isEqualTo(50 * 3);
        assertThat(fixtures.sumOf(members.get(7).id(), "ACTIVE")).isEqualTo(6);
    }

    @Test
    void aNewVersionDecidesThePointsOfEventsOccurringAfterItAndEventsBeforeAnyRuleEarnNothing() {
        String signIn = name("versioned");
        Customer member = fixtures.aMember();
        // before any rule for it
        load(member, signIn, "2027-05-10T01:00:00Z");
        rulesNow(EventRuleDraft.of(signIn, 5, null, null));
        load(member, signIn, "2027-05-10T02:30:00Z");
        clock.set(Instant.parse("2027-05-10T04:00:00Z"));
        rulesNow(EventRuleDraft.of(signIn, 8, null, null));
        load(member, signIn, "2027-05-10T04:30:00Z");
        // arriving after the new version but occurring before it: the old one's points
        load(member, signIn, "2027-05-10T03:00:00Z");
        clock.set(Instant.parse("2027-05-10T05:00:00Z"));
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(5 + 8 + 5);
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.EVENT)).isEqualTo(3);

        // an event before the programme's first day earns nothing
        programme.update(new LoyaltyProgramme.SettingsChange(
                null, LocalDate.of(2027, 5, 11), null, null, null, null, null, null, null));
        clock.set(Instant.parse("2027-05-11T05:00:00Z"));
        load(member, signIn, "2027-05-10T15:00:00Z");
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(18);
        load(member, signIn, "2027-05-10T16:30:00Z");
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(26);
        programme.update(new LoyaltyProgramme.SettingsChange(
                null, LocalDate.of(2020, 1, 1), null, null, null, null, null, null, null));
    }

    @Test
    void aMergedCustomersEventsKeepTheirPointsAndCountTowardsTheSurvivorsCaps() {
        String signIn = name("merged_sign_in");
        rules(EventRuleDraft.of(signIn, 5, 2, null));
        Customer survivor = fixtures.aMember();
        Customer merged = fixtures.aMember();
        load(survivor, signIn, "2027-05-10T01:00:00Z");
        load(merged, signIn, "2027-05-10T01:10:00Z");
        load(merged, signIn, "2027-05-10T01:20:00Z");
        earn(survivor);
        earn(merged);

        merges.merge(survivor.id(), merged.id());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(jdbc.sql("select count(*) from events where customer_id = ? and type = ?")
                            .params(survivor.id(), signIn)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(3);
            assertThat(jdbc.sql("select events from loyalty_event_days where customer_id = ?")
                            .param(survivor.id())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(3);
        });
        // the moved events earned already; the survivor's day is past its cap
        load(survivor, signIn, "2027-05-10T01:30:00Z");
        earn(survivor);
        assertThat(fixtures.transactions(survivor.id(), LoyaltyReason.EVENT)).isEqualTo(1);
        assertThat(fixtures.sumOf(survivor.id(), "ACTIVE")).isEqualTo(15);
    }

    @Test
    void aPropertyFilterRewardsOnlyTheEventsWithThatProperty() {
        String signIn = name("app_sign_in");
        rules(new EventRuleDraft(null, signIn, "签到", 5, null, null, "channel", "app"));
        Customer member = fixtures.aMember();
        load(member, signIn, "2027-05-10T01:00:00Z", Map.of("channel", "web"));
        load(member, signIn, "2027-05-10T01:10:00Z", Map.of("channel", "app"));
        load(member, signIn, "2027-05-10T01:20:00Z");
        earn(member);
        assertThat(eventPoints(member.id())).isEqualTo(5);
    }

    @Test
    void theTimelineSaysWhatEventThePointsWereFor() {
        rules(
                new EventRuleDraft("SIGN_IN", null, null, null, null, null, null, null),
                new EventRuleDraft(null, name("review"), "晒单评价", 20, null, null, null, null));
        Customer member = fixtures.aMember();
        load(member, "login", "2027-05-10T01:00:00Z");
        load(member, name("review"), "2027-05-10T01:30:00Z");
        earn(member);
        List<TimelineEntry> entries = timeline.entries(member.id(), Instant.parse("2027-05-11T00:00:00Z"), 10);
        assertThat(entries)
                .hasSize(2)
                .allSatisfy(entry -> assertThat(entry.type()).isEqualTo("event"));
        assertThat(entries)
                .anySatisfy(entry -> assertThat(entry.titleArgs()).startsWith("+20", 25L, "晒单评价"))
                .anySatisfy(entry -> {
                    assertThat(entry.titleArgs()).startsWith("+5");
                    assertThat(((MessageSourceResolvable) entry.titleArgs().get(2)).getCodes())
                            .contains("loyalty.eventPreset.SIGN_IN");
                });
    }

    @Test
    void badEventRulesAreRefusedNamingTheFieldAndNothingIsWritten() {
        int versions = programme.rules().size();
        var response = admin.post(
                "/api/v1/loyalty/earning-rules",
                Map.of(
                        "pointsPerUnit",
                        1,
                        "eventRules",
                        List.of(
                                Map.of("event", "login", "points", -5),
                                Map.of("event", "review", "points", 5, "dailyCap", -1),
                                Map.of("event", " ", "points", 5),
                                Map.of("preset", "CHECK_IN"),
                                Map.of("event", "x", "points", 1, "lifetimeCap", 0),
                                Map.of("event", "y", "points", 1, "propertyKey", "channel"))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").toString())
                .contains("eventRules[0].points")
                .contains("eventRules[1].dailyCap")
                .contains("eventRules[2].event")
                .contains("eventRules[3].preset")
                .contains("unknown preset 'CHECK_IN'")
                .contains("eventRules[4].lifetimeCap")
                .contains("eventRules[5].propertyValue");
        var twice = admin.post(
                "/api/v1/loyalty/earning-rules",
                Map.of(
                        "pointsPerUnit",
                        1,
                        "eventRules",
                        List.of(Map.of("event", "login", "points", 5), Map.of("preset", "SIGN_IN"))));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().get("errors").toString()).contains("eventRules[1].event");
        assertThat(programme.rules()).hasSize(versions);

        var created = admin.post(
                "/api/v1/loyalty/earning-rules",
                Map.of("pointsPerUnit", 1, "eventRules", List.of(Map.of("preset", "REVIEW", "event", name("r")))));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        assertThat(created.body().get("eventRules").get(0).get("dailyCap").asInt())
                .isEqualTo(3);
        // a version without event rules given keeps the current ones
        var kept = admin.post("/api/v1/loyalty/earning-rules", Map.of("pointsPerUnit", 2));
        assertThat(kept.body().get("eventRules").get(0).get("event").asString()).isEqualTo(name("r"));
    }
}
