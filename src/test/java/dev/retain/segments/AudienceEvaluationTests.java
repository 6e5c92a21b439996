package dev.retain.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.retain.customers.CustomerMerges;
import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.MonthlyPartitions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Tags and segments kept by their conditions: in batch, in real time as orders arrive, and by hand. */
@OwnDatabaseTest
class AudienceEvaluationTests {

    @Autowired
    Audiences audiences;

    @Autowired
    AudienceEvaluation evaluation;

    @Autowired
    BulkIngest bulk;

    @Autowired
    CapturedEvents captured;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonthlyPartitions partitions;

    @Autowired
    ObjectMapper json;

    SegmentData data;

    @BeforeEach
    void empty() {
        Emptied.everything(jdbc);
        captured.events.clear();
        data = new SegmentData(jdbc, partitions);
    }

    @Test
    void aTemplateSwitchedOnTagsTheCustomersItDescribesAndSaysWhy() {
        long dormant = data.aCustomer("Dormant");
        long active = data.aCustomer("Active");
        data.anOrder(dormant, 120, "80", "tea");
        data.anOrder(active, 12, "80", "tea");

        Audience tag = audiences.createFromTemplate("dormant");

        assertThat(tag.name()).isEqualTo("沉睡客户");
        assertThat(tag.members()).isEqualTo(1);
        assertThat(memberIds(tag)).containsExactly(dormant);
        assertThat(captured.of(TagAdded.class)).singleElement().satisfies(event -> {
            assertThat(event.tagId()).isEqualTo(tag.id());
            assertThat(event.members()).extracting(AudienceMember::customerId).containsExactly(dormant);
            assertThat(event.members().get(0).reason()).containsEntry("orders.days_since_last", 120);
        });
        assertThat(audiences.membershipsOf(dormant)).singleElement().satisfies(membership -> {
            assertThat(membership.name()).isEqualTo("沉睡客户");
            assertThat(membership.reason()).containsEntry("orders.days_since_last", 120);
        });
        assertThat(audiences.sizes(tag.id(), 7)).containsValue(1L);
        assertThat(audiences.recentChanges(tag.id(), 10))
                .singleElement()
                .satisfies(change ->
                        assertThat(change).containsEntry("change", "ENTERED").containsEntry("customerId", dormant));
        // the service desk provides the ticket counts the template needs
        assertThat(audiences.createFromTemplate("frequent_service").name()).isEqualTo("售后高频户");
    }

    @Test
    void anArrivingOrderMovesTheCustomerInRealTime() {
        long customer = aShopCustomer("rt-1");
        data.anOrder(customer, 70, "100", "tea");
        Audience warning = audiences.createFromTemplate("dormancy_warning");
        Audience frequent = audiences.createFromTemplate("high_frequency");
        assertThat(memberIds(warning)).containsExactly(customer);
        captured.events.clear();

        for (int i = 1; i <= 3; i++) {
            var results = bulk.ingest(
                    ImportKind.ORDERS,
                    "shop",
                    List.of(Map.of(
                            "order_id",
                            "rt-1-" + i,
                            "customer_id",
                            "rt-1",
                            "order_date",
                            LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(i) + " 12:00",
                            "amount",
                            "30")),
                    Map.of());
            assertThat(results.get(0).result()).isEqualTo("created");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(memberIds(warning)).isEmpty();
            assertThat(memberIds(frequent)).containsExactly(customer);
        });
        assertThat(captured.of(TagRemoved.class)).singleElement().satisfies(event -> {
            assertThat(event.tag()).isEqualTo("沉睡预警");
            assertThat(event.members().get(0).reason()).containsEntry("orders.days_since_last", 1);
        });
        assertThat(captured.of(TagAdded.class)).singleElement().satisfies(event -> {
            assertThat(event.tag()).isEqualTo("高频客户");
            assertThat(event.members().get(0).reason()).containsEntry("orders.count(within_days=30)", 3);
        });
    }

    @Test
    void theNightlyRecomputeCatchesWhatNoEventAnnounced(@Autowired FullRecompute recompute) {
        long customer = data.aCustomer("Quiet");
        data.anOrder(customer, 100, "80", "tea");
        Audience dormant = audiences.createFromTemplate("dormant");
        // Written straight to the table: no event, so only the batch can notice.
        data.anOrder(customer, 1, "80", "tea");
        assertThat(memberIds(dormant)).containsExactly(customer);

        FullRecompute.Result result = recompute.run();

        assertThat(result.rfm().customers()).isEqualTo(1);
        assertThat(result.membershipChanges()).isEqualTo(1);
        assertThat(memberIds(dormant)).isEmpty();
        assertThat(captured.of(TagRemoved.class))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.members().get(0).reason()).containsEntry("orders.days_since_last", 1));
    }

    @Test
    void manualTagsTakeCustomersByHand() {
        long customer = data.aCustomer("VIP");
        Audience vip = audiences.create(
                AudienceKind.TAG, new AudienceDraft("VIP", "key accounts", AudienceMode.MANUAL, null, true, null));

        assertThat(audiences.tag(vip.id(), List.of(customer, customer), Map.of("by", "manager")))
                .isEqualTo(1);
        assertThat(audiences.tag(vip.id(), List.of(customer), Map.of("by", "manager")))
                .isZero();
        assertThat(audiences.find(AudienceKind.TAG, vip.id()).members()).isEqualTo(1);
        assertThat(audiences.untag(vip.id(), List.of(customer), Map.of("by", "manager")))
                .isEqualTo(1);

        assertThat(captured.of(TagAdded.class)).hasSize(1);
        assertThat(captured.of(TagRemoved.class)).hasSize(1);
        assertThat(audiences.find(AudienceKind.TAG, vip.id()).members()).isZero();
        Audience dormant = audiences.createFromTemplate("dormant");
        assertThatThrownBy(() -> audiences.tag(dormant.id(), List.of(customer), Map.of()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aMergeMovesManualTagsToTheSurvivorAndTheMergedCustomerLeavesEverything(@Autowired CustomerMerges merges) {
        long survivor = data.aCustomer("Survivor");
        long merged = data.aCustomer("Merged");
        data.anOrder(merged, 100, "50", "tea");
        Audience vip = audiences.create(
                AudienceKind.TAG, new AudienceDraft("VIP", null, AudienceMode.MANUAL, null, true, null));
        audiences.tag(vip.id(), List.of(merged), Map.of());
        Audience dormant = audiences.createFromTemplate("dormant");
        assertThat(memberIds(dormant)).containsExactly(merged);

        merges.merge(survivor, merged);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(memberIds(vip)).containsExactly(survivor);
            assertThat(memberIds(dormant)).containsExactly(survivor);
        });
        assertThat(audiences.find(AudienceKind.TAG, vip.id()).members()).isEqualTo(1);
    }

    @Test
    void aSegmentMayTestAnotherTagButNotItself() {
        long customer = data.aCustomer("Tea lover");
        data.anOrder(customer, 100, "900", "tea");
        audiences.createFromTemplate("dormant");

        Audience segment = audiences.create(AudienceKind.SEGMENT, draft("沉睡茶客", """
                {"and": [{"field": "tag", "op": "is_true", "params": {"name": "沉睡客户"}},
                         {"field": "orders.spend", "op": "gte", "value": 500, "params": {"category": "tea"}}]}"""));

        assertThat(memberIds(segment)).containsExactly(customer);
        assertThat(captured.of(SegmentEntered.class))
                .singleElement()
                .satisfies(event -> assertThat(event.members().get(0).reason())
                        .containsEntry("tag(name=沉睡客户)", true)
                        .containsEntry("orders.spend(category=tea)", 900.0));
        assertThatThrownBy(() -> audiences.update(AudienceKind.SEGMENT, segment.id(), draft("沉睡茶客", """
                        {"field": "segment", "op": "is_true", "params": {"name": "沉睡茶客"}}""")))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("condition"));
    }

    @Test
    void aSnapshotSegmentKeepsItsMembersUntilRefreshed() {
        long customer = data.aCustomer("Snap");
        data.anOrder(customer, 10, "100", "tea");
        Audience snapshot = audiences.create(
                AudienceKind.SEGMENT,
                new AudienceDraft("Bought recently", null, AudienceMode.SNAPSHOT, json.readTree("""
                        {"field": "orders.days_since_last", "op": "lte", "value": 30}"""), true, null));
        long late = data.aCustomer("Late");
        data.anOrder(late, 5, "100", "tea");

        evaluation.evaluateAll();
        assertThat(memberIds(snapshot)).containsExactly(customer);

        audiences.evaluate(AudienceKind.SEGMENT, snapshot.id());
        assertThat(memberIds(snapshot)).containsExactly(customer, late);
    }

    /**
     * Property: whatever the data, memberships kept in real time as orders and events arrive are exactly what a
     * batch evaluation of everyone finds — the batch afterwards changes nothing.
     */
    @Test
    void realTimeAndBatchAgree() {
        var random = new Random(42);
        var rules = List.of("""
                {"field": "orders.count", "op": "gte", "value": 3, "params": {"within_days": 60}}""", """
                {"field": "orders.days_since_last", "op": "gt", "value": 30}""", """
                {"and": [{"field": "orders.category_share", "op": "gt", "value": 60},
                         {"field": "orders.count", "op": "gte", "value": 2}]}""", """
                {"or": [{"field": "events.count", "op": "gte", "value": 4, "params": {"event_type": "login", "within_days": 30}},
                        {"not": {"field": "orders.spend", "op": "lt", "value": 300, "params": {"category": "coffee"}}}]}""", """
                {"field": "events.change_pct", "op": "lte", "value": -30, "params": {"event_type": "login", "days": 30}}""", """
                {"field": "orders.overdue_ratio", "op": "gt", "value": 1.5}""");
        var tags = new ArrayList<Audience>();
        for (int i = 0; i < rules.size(); i++) {
            tags.add(audiences.create(AudienceKind.TAG, draft("rule " + i, rules.get(i))));
        }
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        for (int batch = 0; batch < 8; batch++) {
            var orders = new ArrayList<Map<String, Object>>();
            var events = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < 25; i++) {
                String customer = "p-" + random.nextInt(40);
                var order = new LinkedHashMap<String, Object>();
                order.put("order_id", "p-" + batch + "-" + i);
                order.put("customer_id", customer);
                order.put("order_date", today.minusDays(1 + random.nextInt(120)) + " 12:00");
                order.put("amount", String.valueOf(20 + random.nextInt(400)));
                order.put("category", random.nextBoolean() ? "tea" : "coffee");
                order.put("sku", "sku-" + random.nextInt(5));
                orders.add(order);
                events.add(Map.of(
                        "customer_id",
                        customer,
                        "event_type",
                        "login",
                        "occurred_at",
                        today.minusDays(1 + random.nextInt(60)) + " 0" + random.nextInt(10) + ":00"));
            }
            bulk.ingest(ImportKind.ORDERS, "shop", orders, Map.of());
            bulk.ingest(ImportKind.EVENTS, "shop", events, Map.of());
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("""
                                select (select count(*) from event_publication where completion_date is null)
                                     + (select count(*) from segment_reevaluations)""").query(Long.class).single() == 0);
        Map<Long, Set<Long>> realTime = new LinkedHashMap<>();
        tags.forEach(tag -> realTime.put(tag.id(), new HashSet<>(memberIds(tag))));
        assertThat(realTime.values().stream().mapToInt(Set::size).sum()).isPositive();

        assertThat(evaluation.evaluateAll()).isZero();

        tags.forEach(tag -> assertThat(new HashSet<>(memberIds(tag))).isEqualTo(realTime.get(tag.id())));
    }

    private AudienceDraft draft(String name, String condition) {
        return new AudienceDraft(name, null, AudienceMode.DYNAMIC, json.readTree(condition), true, null);
    }

    private long aShopCustomer(String externalId) {
        return bulk.ingest(
                        ImportKind.CUSTOMERS,
                        "shop",
                        List.of(Map.of("customer_id", externalId, "name", externalId)),
                        Map.of())
                .get(0)
                .customerId();
    }

    private List<Long> memberIds(Audience audience) {
        return jdbc.sql("select customer_id from audience_members where audience_id = ? order by customer_id")
                .param(audience.id())
                .query(Long.class)
                .list();
    }
}
