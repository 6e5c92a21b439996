package dev.retain.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.commerce.OrdersRecorded;
import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignKind;
import dev.retain.coupons.CouponCampaign;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.coupons.Coupons;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import dev.retain.tasks.Tasks;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
class JourneyEngineTests {

    @Autowired
    Journeys journeys;

    @Autowired
    Enrolments enrolments;

    @Autowired
    JourneyWorker worker;

    @Autowired
    JourneyReports reports;

    @Autowired
    Audiences audiences;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    CouponCampaigns campaigns;

    @Autowired
    ScheduledJourneyTriggers scheduled;

    @Autowired
    Tasks tasks;

    @Autowired
    Coupons coupons;

    @LocalServerPort
    int port;

    @Test
    void taggedCustomersWaitThenBranchOnWhetherTheyOrderedAndEnterOnlyOnce() {
        String token = token();
        Audience entry = tag("Entry " + token);
        Audience ordered = tag("Ordered " + token);
        Audience silent = tag("Silent " + token);
        Journey journey = active("Tag journey " + token, """
                {"trigger": {"type": "tag_added", "audienceId": %d}, "entryLimit": {"rule": "once"},
                 "start": "pause",
                 "nodes": {
                   "pause": {"type": "wait", "params": {"minutes": 30}, "next": "check"},
                   "check": {"type": "branch", "params": {"since": "ordered"},
                             "branches": {"yes": "thank", "no": "flag"}},
                   "thank": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"},
                   "flag": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"},
                   "end": {"type": "exit"}}}""".formatted(entry.id(), ordered.id(), silent.id()));
        long buyer = customer("Buyer " + token);
        long quiet = customer("Quiet " + token);

        audiences.tag(entry.id(), List.of(buyer, quiet), Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting(journey.id()) == 2);
        order(buyer);
        dueNow(journey.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> count(journey.id(), "COMPLETED") == 2);
        assertThat(memberIds(ordered.id())).containsExactly(buyer);
        assertThat(memberIds(silent.id())).containsExactly(quiet);
        JourneyReport report = reports.of(journey.id());
        assertThat(report.nodes().get("check")).containsEntry("BRANCH", 2L);
        var dryRun = ApiClient.withRoles(port, apiKeys, Role.ANALYST)
                .post("/api/v1/journeys/" + journey.id() + "/dry-run", Map.of("customerId", quiet));
        assertThat(dryRun.body().get("mayEnter").asBoolean()).isFalse();
        assertThat(dryRun.body().get("steps").findValuesAsString("node"))
                .containsExactly("pause", "check", "flag", "end");
        assertThat(report.nodes().get("thank")).containsEntry("ACTED", 1L);
        assertThat(report.nodes().get("(entry)")).containsEntry("ENTERED", 2L);

        // once: leaving and entering the tag again enrols no one
        audiences.untag(entry.id(), List.of(buyer), Map.of());
        audiences.tag(entry.id(), List.of(buyer), Map.of());
        assertThat(enrolments.enrol(journey.id(), List.of(buyer, quiet), "api")).isZero();
    }

    @Test
    void anOrderWithinTheGoalConvertsAndTheReportComparesTreatmentWithHoldout() {
        String token = token();
        Journey journey = active("Goal journey " + token, """
                {"trigger": {"type": "api"}, "holdoutPercent": 50, "goal": {"type": "order", "withinDays": 30},
                 "start": "pause",
                 "nodes": {"pause": {"type": "wait", "params": {"days": 7}, "next": "end"}, "end": {"type": "exit"}}}""");
        List<Long> customers = IntStream.range(0, 200)
                .mapToObj(i -> customer("Goal " + token + " " + i))
                .toList();

        assertThat(enrolments.enrol(journey.id(), customers, "api")).isEqualTo(200);
        List<Boolean> holdout = holdouts(journey.id());
        assertThat(holdout.stream().filter(h -> h).count()).isBetween(60L, 140L);
        long converter = customers.get(0);
        order(converter);
        transactions.executeWithoutResult(status -> events.publishEvent(new OrdersRecorded(List.of(converter), false)));

        await().atMost(Duration.ofSeconds(10)).until(() -> count(journey.id(), "CONVERTED") == 1);
        assertThat(jdbc.sql("""
                        select count(*) from journey_steps s join journey_enrolments e on e.id = s.enrolment_id
                        where e.customer_id = ? and e.journey_id = ?""")
                        .params(converter, journey.id())
                        .query(Long.class)
                        .single())
                .isZero();
        JourneyReport report = reports.of(journey.id());
        assertThat(report.treatment().entrants() + report.holdout().entrants()).isEqualTo(200);
        assertThat(report.treatment().converted() + report.holdout().converted())
                .isEqualTo(1);
        assertThat(report.treatment().revenue().add(report.holdout().revenue())).isEqualByComparingTo("100.00");
        assertThat(report.lift()).isNotNull();
        assertThat(report.liftLow()).isLessThan(report.lift());
        assertThat(report.liftHigh()).isGreaterThan(report.lift());
        // the holdout is fixed by journey and customer: the same customers, however often asked
        assertThat(holdouts(journey.id())).isEqualTo(holdout);
    }

    @Test
    void anOrderWithinTheGoalConvertsAlsoAfterTheLastStepButNotAfterTheGoalsDays() {
        String token = token();
        Journey journey = active("Short journey " + token, """
                {"trigger": {"type": "api"}, "goal": {"type": "order", "withinDays": 30},
                 "start": "end", "nodes": {"end": {"type": "exit"}}}""");
        long spender = customer("Spender " + token);
        long late = customer("Late " + token);
        enrolments.enrol(journey.id(), List.of(spender, late), "api");
        await().atMost(Duration.ofSeconds(10)).until(() -> count(journey.id(), "COMPLETED") == 2);
        jdbc.sql("update journey_enrolments set entered_at = now() - interval '31 days' where customer_id = ?")
                .param(late)
                .update();

        order(spender);
        order(late);
        transactions.executeWithoutResult(
                status -> events.publishEvent(new OrdersRecorded(List.of(spender, late), false)));

        await().atMost(Duration.ofSeconds(10)).until(() -> count(journey.id(), "CONVERTED") == 1);
        assertThat(jdbc.sql("select customer_id from journey_enrolments where journey_id = ? and status = 'CONVERTED'")
                        .param(journey.id())
                        .query(Long.class)
                        .list())
                .containsExactly(spender);
        assertThat(count(journey.id(), "COMPLETED")).isEqualTo(1);
        assertThat(reports.of(journey.id()).treatment().converted()).isEqualTo(1);
    }

    @Test
    void leavingTheEntryTagEndsTheEnrolmentAtItsNextStep() {
        String token = token();
        Audience entry = tag("Leave " + token);
        Journey journey = active("Leaving journey " + token, """
                {"trigger": {"type": "tag_added", "audienceId": %d}, "exitWhenLeaving": true, "start": "pause",
                 "nodes": {"pause": {"type": "wait", "params": {"days": 3}, "next": "end"}, "end": {"type": "exit"}}}""".formatted(entry.id()));
        long customer = customer("Leaver " + token);
        audiences.tag(entry.id(), List.of(customer), Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting(journey.id()) == 1);

        audiences.untag(entry.id(), List.of(customer), Map.of());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select leaving from journey_enrolments where journey_id = ?")
                        .param(journey.id())
                        .query(Boolean.class)
                        .single());
        dueNow(journey.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> count(journey.id(), "EXITED") == 1);
    }

    @Test
    void twoWorkersShareTheQueueAndNoStepRunsTwice() throws Exception {
        String token = token();
        Audience done = tag("Done " + token);
        Journey journey = active("Busy journey " + token, """
                {"trigger": {"type": "api"}, "start": "mark",
                 "nodes": {"mark": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"}, "end": {"type": "exit"}}}""".formatted(done.id()));
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            customers.add(customer("Busy " + token + " " + i));
        }
        enrolments.enrol(journey.id(), customers, "api");

        var first = CompletableFuture.runAsync(this::drain);
        var second = CompletableFuture.runAsync(this::drain);
        first.get();
        second.get();

        await().atMost(Duration.ofSeconds(20)).until(() -> count(journey.id(), "COMPLETED") == 600);
        assertThat(jdbc.sql("""
                        select count(*), count(distinct enrolment_id) from journey_history
                        where journey_id = ? and event = 'ACTED'""")
                        .param(journey.id())
                        .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
                        .single())
                .containsExactly(600L, 600L);
        assertThat(memberIds(done.id())).hasSize(600);
    }

    @Test
    void aBatchThatDiesBeforeItCommitsLeavesNothingBehindAndLosesNothing() {
        String token = token();
        CouponCampaign campaign = campaigns.create(new CampaignDraft(
                "Crash " + token,
                null,
                CampaignKind.FIXED,
                new BigDecimal("5"),
                null,
                null,
                null,
                null,
                null,
                30,
                null,
                null,
                null));
        Journey journey = active("Crash journey " + token, """
                {"trigger": {"type": "api"}, "start": "pause",
                 "nodes": {"pause": {"type": "wait", "params": {"minutes": 10}, "next": "give"},
                           "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "call"},
                           "call": {"type": "create_task", "params": {"title": "Call"}, "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(campaign.id()));
        List<Long> customers = IntStream.range(0, 30)
                .mapToObj(i -> customer("Crash " + token + " " + i))
                .toList();
        enrolments.enrol(journey.id(), customers, "api");
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting(journey.id()) == 30);

        // the worker runs the due steps, then the process dies before the commit
        long[] issuedBeforeTheCrash = new long[1];
        transactions.executeWithoutResult(status -> {
            dueNow(journey.id());
            while (worker.runDue() > 0) {
                // every due step of this journey, in this transaction
            }
            issuedBeforeTheCrash[0] = issued(campaign.id());
            status.setRollbackOnly();
        });
        assertThat(issuedBeforeTheCrash[0]).isEqualTo(30);
        // coupons commit on their own (their issue key keeps a second run from issuing again); the steps rolled back
        assertThat(issued(campaign.id())).isEqualTo(30);
        assertThat(count(journey.id(), "COMPLETED")).isZero();
        assertThat(tasks.ofCustomer(customers.get(0))).isEmpty();

        // after the restart the same steps run, once
        dueNow(journey.id());
        await().atMost(Duration.ofSeconds(15)).until(() -> count(journey.id(), "COMPLETED") == 30);
        assertThat(issued(campaign.id())).isEqualTo(30);
        for (long customer : customers) {
            assertThat(coupons.heldBy(customer)).hasSize(1);
            assertThat(tasks.ofCustomer(customer)).hasSize(1);
        }
    }

    @Test
    void aStepThatKeepsFailingEndsInTheDeadLetterListAndCanBeRetried() {
        String token = token();
        Audience dynamic = audiences.create(
                AudienceKind.TAG,
                new AudienceDraft(
                        "Dynamic " + token,
                        null,
                        AudienceMode.DYNAMIC,
                        json.readTree("{\"field\": \"profile.name\", \"op\": \"eq\", \"value\": \"nobody\"}"),
                        true,
                        null));
        Journey journey = active("Failing journey " + token, """
                {"trigger": {"type": "api"}, "start": "mark",
                 "nodes": {"mark": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"}, "end": {"type": "exit"}}}""".formatted(dynamic.id()));
        long customer = customer("Failing " + token);
        enrolments.enrol(journey.id(), List.of(customer), "api");

        for (int attempt = 1; attempt <= JourneyWorker.MAX_ATTEMPTS; attempt++) {
            int expected = attempt;
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts(journey.id()) == expected);
            if (attempt < JourneyWorker.MAX_ATTEMPTS) {
                jdbc.sql("""
                                update journey_steps set due_at = now() where enrolment_id in
                                (select id from journey_enrolments where journey_id = ?)""").param(journey.id()).update();
            }
        }
        var api = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
        JsonNode dead = api.get("/api/v1/journeys/dead-steps").body();
        JsonNode ours = null;
        for (JsonNode step : dead) {
            if (step.get("journeyId").asLong() == journey.id()) {
                ours = step;
            }
        }
        assertThat(ours).isNotNull();
        assertThat(ours.get("error").asString()).isNotBlank();
        assertThat(api.post("/api/v1/journeys/dead-steps/" + ours.get("stepId").asLong() + "/retry", Map.of())
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(journey.id()) == 1);
    }

    @Test
    void aCouponIsIssuedOncePerStepAndItsRedemptionWakesTheWaitButTheHoldoutGetsNone() throws Exception {
        String token = token();
        Audience used = tag("Used " + token);
        Audience unused = tag("Unused " + token);
        CouponCampaign campaign = campaigns.create(new CampaignDraft(
                "Win back " + token,
                null,
                CampaignKind.FIXED,
                new BigDecimal("20"),
                null,
                null,
                new BigDecimal("100"),
                null,
                null,
                30,
                null,
                null,
                null));
        Journey journey = active("Coupon journey " + token, """
                {"trigger": {"type": "api"}, "holdoutPercent": 50, "start": "give",
                 "nodes": {
                   "give": {"type": "issue_coupon", "params": {"campaignId": %d}, "next": "await"},
                   "await": {"type": "wait", "params": {"event": "coupon_redeemed", "days": 15},
                             "branches": {"event": "thanks"}, "next": "nudge"},
                   "thanks": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"},
                   "nudge": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"},
                   "end": {"type": "exit"}}}""".formatted(campaign.id(), used.id(), unused.id()));
        List<Long> customers = IntStream.range(0, 20)
                .mapToObj(i -> customer("Coupon " + token + " " + i))
                .toList();
        enrolments.enrol(journey.id(), customers, "api");
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting(journey.id()) == 20);

        List<Long> held = jdbc.sql("select customer_id from journey_enrolments where journey_id = ? and holdout")
                .param(journey.id())
                .query(Long.class)
                .list();
        assertThat(held).isNotEmpty().hasSizeLessThan(20);
        for (long customer : customers) {
            assertThat(coupons.heldBy(customer)).hasSize(held.contains(customer) ? 0 : 1);
        }
        long redeemer =
                customers.stream().filter(c -> !held.contains(c)).findFirst().orElseThrow();
        coupons.redeem(coupons.heldBy(redeemer).get(0).code(), new BigDecimal("150"), null, redeemer);

        await().atMost(Duration.ofSeconds(10)).until(() -> memberIds(used.id()).contains(redeemer));
        dueNow(journey.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> count(journey.id(), "COMPLETED") == 20);
        assertThat(memberIds(used.id())).containsExactly(redeemer);
        assertThat(memberIds(unused.id())).hasSize(19);
        assertThat(coupons.costOf("journey:" + journey.id() + ":").redeemed()).isEqualTo(1);
    }

    @Test
    void theDailyRunEnrolsByADateRelativeToAFieldAndByARecurringAudienceOnItsWeekdays() {
        String token = token();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        long soon = customer("Birthday soon " + token);
        long later = customer("Birthday later " + token);
        jdbc.sql("update customers set birthday = ? where id = ?")
                .params(today.plusDays(7).minusYears(30), soon)
                .update();
        jdbc.sql("update customers set birthday = ? where id = ?")
                .params(today.plusDays(40).minusYears(30), later)
                .update();
        Journey birthdays = active("Birthday " + token, """
                {"trigger": {"type": "schedule", "condition": {"and": [
                    {"field": "profile.birthday", "op": "anniversary_in_next_days", "value": 7},
                    {"field": "profile.name", "op": "starts_with", "value": "Birthday"}]}},
                 "entryLimit": {"rule": "again_after_days", "days": 300}, "start": "end",
                 "nodes": {"end": {"type": "exit"}}}""");
        Audience weekly = tag("Weekly " + token);
        long member = customer("Weekly member " + token);
        audiences.tag(weekly.id(), List.of(member), Map.of());
        String otherDay = today.getDayOfWeek().plus(1).name();
        Journey everyWeek =
                active("Every " + today.getDayOfWeek() + " " + token, """
                {"trigger": {"type": "schedule", "audienceId": %d, "weekdays": ["%s"]},
                 "entryLimit": {"rule": "while_not_in"}, "start": "end", "nodes": {"end": {"type": "exit"}}}""".formatted(weekly.id(), today.getDayOfWeek()));
        Journey otherWeekday = active("Every " + otherDay + " " + token, """
                {"trigger": {"type": "schedule", "audienceId": %d, "weekdays": ["%s"]}, "start": "end",
                 "nodes": {"end": {"type": "exit"}}}""".formatted(weekly.id(), otherDay));

        scheduled.run();
        scheduled.run();

        assertThat(customersIn(birthdays.id())).containsExactly(soon);
        assertThat(customersIn(everyWeek.id())).containsExactly(member);
        assertThat(customersIn(otherWeekday.id())).isEmpty();
    }

    @Test
    void aHighValueCustomerWhoseChurnRiskTurnsHighGetsACallFromTheirOwnerWithinADay() {
        String token = token();
        long valuable = customer("Valuable " + token);
        long modest = customer("Modest " + token);
        jdbc.sql("""
                        insert into clv_scores (customer_id, p_alive, expected_purchases, expected_order_value,
                                                predicted_clv, fit_id, scored_at)
                        values (?, 0.4, 1.2, 800, 5000, 0, now()), (?, 0.4, 1.2, 50, 100, 0, now())""").params(valuable, modest).update();
        Audience atRisk = audiences.create(
                AudienceKind.SEGMENT,
                new AudienceDraft(
                        "High value at risk " + token,
                        null,
                        AudienceMode.DYNAMIC,
                        json.readTree("""
                                {"and": [{"field": "predict.churn_band", "op": "eq", "value": "HIGH"},
                                         {"field": "predict.clv", "op": "gte", "value": 1000},
                                         {"field": "profile.name", "op": "contains", "value": "%s"}]}""".formatted(token)),
                        true,
                        null));
        Journey journey = active("High value at risk " + token, """
                {"trigger": {"type": "segment_entered", "audienceId": %d}, "entryLimit": {"rule": "while_not_in"},
                 "start": "call",
                 "nodes": {"call": {"type": "create_task",
                                    "params": {"title": "Call: high value, churn risk high", "dueInDays": 1},
                                    "next": "end"},
                           "end": {"type": "exit"}}}""".formatted(atRisk.id()));

        // the nightly scoring finds both at high risk; segmentation follows the new scores
        jdbc.sql("""
                        insert into churn_scores (customer_id, probability, band, reasons, model_id, scored_at)
                        values (?, 0.8, 'HIGH', '[]', 0, now()), (?, 0.8, 'HIGH', '[]', 0, now())""").params(valuable, modest).update();
        audiences.evaluate(AudienceKind.SEGMENT, atRisk.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> count(journey.id(), "COMPLETED") == 1);
        assertThat(customersIn(journey.id())).containsExactly(valuable);
        assertThat(tasks.ofCustomer(valuable))
                .singleElement()
                .satisfies(task -> assertThat(task.title()).contains("churn risk high"));
        assertThat(tasks.ofCustomer(modest)).isEmpty();
    }

    @Test
    void aGraphWithProblemsIsRefusedWithEachProblemsPath() {
        JsonNode graph = json.readTree("""
                {"trigger": {"type": "segment_entered"}, "holdoutPercent": 80, "start": "a",
                 "nodes": {
                   "a": {"type": "branch", "params": {"since": "ordered"}, "branches": {"yes": "b", "no": "ghost"}},
                   "b": {"type": "add_tag", "params": {"tagId": 1}, "next": "a"},
                   "lonely": {"type": "exit"},
                   "odd": {"type": "teleport", "next": "a"}}}""");

        assertThatThrownBy(() -> journeys.create("Broken", null, graph, "test"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors())
                                .containsKeys(
                                        "trigger.audienceId",
                                        "holdoutPercent",
                                        "nodes.a.branches.no",
                                        "nodes.lonely",
                                        "nodes.odd",
                                        "nodes.odd.type"));
        var api = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
        var refused = api.post("/api/v1/journeys", Map.of("name", "Broken", "graph", graph));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().toString()).contains("nodes.a.branches.no", "unreachable");

        JsonNode loop = json.readTree("""
                {"trigger": {"type": "api"}, "start": "a",
                 "nodes": {"a": {"type": "add_tag", "params": {"tagId": 1}, "next": "b"},
                           "b": {"type": "add_tag", "params": {"tagId": 2}, "next": "a"}}}""");
        assertThatThrownBy(() -> journeys.create("Loop", null, loop, "test"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().values())
                                .anyMatch(message -> message.contains("loop without a wait")));
    }

    @Test
    void aNewVersionLeavesRunningEnrolmentsOnTheirs() {
        String token = token();
        Audience first = tag("First " + token);
        Audience second = tag("Second " + token);
        String graph = """
                {"trigger": {"type": "api"}, "start": "pause",
                 "nodes": {"pause": {"type": "wait", "params": {"days": 1}, "next": "mark"},
                           "mark": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"}, "end": {"type": "exit"}}}""";
        Journey journey = active("Versioned " + token, graph.formatted(first.id()));
        long early = customer("Early " + token);
        enrolments.enrol(journey.id(), List.of(early), "api");

        Journey changed = journeys.update(
                journey.id(), journey.name(), null, json.readTree(graph.formatted(second.id())), "test");
        assertThat(changed.currentVersion()).isEqualTo(2);
        long late = customer("Late " + token);
        enrolments.enrol(journey.id(), List.of(late), "api");
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting(journey.id()) == 2);
        dueNow(journey.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> count(journey.id(), "COMPLETED") == 2);
        assertThat(memberIds(first.id())).containsExactly(early);
        assertThat(memberIds(second.id())).containsExactly(late);
    }

    private void drain() {
        while (worker.runDue() > 0) {
            // until the queue is empty for this worker
        }
    }

    private Journey active(String name, String graph) {
        Journey journey = journeys.create(name, null, json.readTree(graph), "test");
        return journeys.setStatus(journey.id(), "ACTIVE");
    }

    private Audience tag(String name) {
        return audiences.create(AudienceKind.TAG, new AudienceDraft(name, null, AudienceMode.MANUAL, null, true, null));
    }

    private long customer(String name) {
        return jdbc.sql("""
                        insert into customers (kind, name, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, '{}', now(), now()) returning id""").param(name).query(Long.class).single();
    }

    private void order(long customer) {
        jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, created_at)
                        values (?, 'test', ?, ?, 'PAID', 'CNY', 100, ?, now())""")
                .params(customer, "J" + System.nanoTime(), Timestamp.from(Instant.now()), new BigDecimal("100.00"))
                .update();
    }

    private void dueNow(long journeyId) {
        jdbc.sql("""
                        update journey_steps set due_at = now()
                        where enrolment_id in (select id from journey_enrolments where journey_id = ?)""").param(journeyId).update();
    }

    /** Enrolments that reached a wait: their next step is queued. */
    private long waiting(long journeyId) {
        return jdbc.sql("select count(*) from journey_history where journey_id = ? and event = 'WAITING'")
                .param(journeyId)
                .query(Long.class)
                .single();
    }

    private long count(long journeyId, String status) {
        return jdbc.sql("select count(*) from journey_enrolments where journey_id = ? and status = ?")
                .params(journeyId, status)
                .query(Long.class)
                .single();
    }

    private int attempts(long journeyId) {
        return jdbc.sql("""
                        select coalesce(max(attempts), -1) from journey_steps
                        where enrolment_id in (select id from journey_enrolments where journey_id = ?)""").param(journeyId).query(Integer.class).single();
    }

    private long issued(long campaignId) {
        return jdbc.sql("select count(*) from coupons where campaign_id = ?")
                .param(campaignId)
                .query(Long.class)
                .single();
    }

    private List<Long> customersIn(long journeyId) {
        return jdbc.sql("select customer_id from journey_enrolments where journey_id = ? order by customer_id")
                .param(journeyId)
                .query(Long.class)
                .list();
    }

    private List<Boolean> holdouts(long journeyId) {
        return jdbc.sql("select holdout from journey_enrolments where journey_id = ? order by customer_id")
                .param(journeyId)
                .query(Boolean.class)
                .list();
    }

    private List<Long> memberIds(long audienceId) {
        return jdbc.sql("select customer_id from audience_members where audience_id = ? order by customer_id")
                .param(audienceId)
                .query(Long.class)
                .list();
    }

    private static String token() {
        return Long.toString(System.nanoTime(), 36);
    }
}
