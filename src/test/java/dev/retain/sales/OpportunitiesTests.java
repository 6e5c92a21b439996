package dev.retain.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.retain.IntegrationTest;
import dev.retain.commerce.Order;
import dev.retain.commerce.OrderPlacement;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.Customers;
import dev.retain.journeys.Journey;
import dev.retain.journeys.Journeys;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.segments.Conditions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * An opportunity's life as a salesperson leads it, on the real database with a clock the test moves: opened in the
 * first stage for the customer's owner, moved on (each move in its history), won into an order with its products, or
 * lost for a reason — and then it moves no more. Left in a stage too long it is stuck. Wins and losses become events of
 * the customer; the figures, the forecast and the condition fields count what happened.
 */
@IntegrationTest
class OpportunitiesTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

    @Autowired
    OpportunityStages stages;

    @Autowired
    OrderPlacement orders;

    @Autowired
    AuditLog audit;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    CompanyZone zone;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Conditions conditions;

    @Autowired
    CustomerMerges merges;

    @Autowired
    ObjectMapper json;

    @Autowired
    Journeys journeys;

    final MovableClock clock = new MovableClock();
    final String token = Long.toString(System.nanoTime(), 36);

    Opportunities opportunities;
    OpportunityProgress progress;
    OpportunityFigures figures;

    @BeforeEach
    void servicesOnAMovedClock() {
        clock.set(Instant.now());
        var rows = new OpportunityRows(jdbc, users, clock);
        opportunities = new Opportunities(jdbc, rows, stages, customers, users, orders, audit, clock);
        progress = new OpportunityProgress(jdbc, rows, stages, orders, audit, events, clock);
        figures = new OpportunityFigures(jdbc, stages, users, zone, clock);
    }

    @Test
    void anOpportunityMovesThroughTheStagesIsWonIntoAnOrderAndThenMovesNoMore() {
        long seller = user("seller");
        long customer = customer("商机客户", seller);
        String sku = product("茶叶礼盒", "88.00");

        Opportunity opened = inTransaction(() -> opportunities.create(
                customer,
                null,
                draft(
                        "年度茶叶采购",
                        null,
                        List.of(
                                new OpportunityLine(sku, null, 10, null),
                                new OpportunityLine(null, "定制包装", 2, new BigDecimal("50.00"))))));
        Opportunity quoted =
                inTransaction(() -> progress.move(opened.id(), stage("方案报价").id(), opened.version()));
        Opportunity won = inTransaction(() -> progress.win(quoted.id(), new OpportunityProgress.Win(true, null), null));

        assertThat(opened.stageName()).isEqualTo("初步沟通");
        assertThat(opened.ownerId()).as("the customer's owner").isEqualTo(seller);
        assertThat(opened.lines())
                .containsExactly(
                        new OpportunityLine(sku, "茶叶礼盒", 10, new BigDecimal("88.00")),
                        new OpportunityLine(null, "定制包装", 2, new BigDecimal("50.00")));
        assertThat(opened.amount()).as("the lines' total").isEqualByComparingTo("980.00");
        assertThat(won.status()).isEqualTo(OpportunityStatus.WON);
        assertThat(won.stageName()).isEqualTo("方案报价");
        Order order = orders.find(won.orderId()).orElseThrow();
        assertThat(order.customerId()).isEqualTo(customer);
        assertThat(order.externalId()).isEqualTo("OPP-" + won.id());
        assertThat(order.baseAmount()).isEqualByComparingTo("980.00");
        assertThat(jdbc.sql("select count(*) from order_lines where order_id = ?")
                        .param(order.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(opportunities.history(won.id()))
                .extracting(OpportunityMove::kind, OpportunityMove::fromStage, OpportunityMove::toStage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(OpportunityMoveKind.CREATED, null, "初步沟通"),
                        org.assertj.core.groups.Tuple.tuple(OpportunityMoveKind.MOVED, "初步沟通", "方案报价"),
                        org.assertj.core.groups.Tuple.tuple(OpportunityMoveKind.WON, "方案报价", "方案报价"));
        assertThatThrownBy(() ->
                        inTransaction(() -> progress.move(won.id(), stage("回款").id(), null)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> inTransaction(() -> progress.lose(won.id(), "价格太高", null)))
                .isInstanceOf(ConflictException.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> eventAmount(customer, "opportunity_won"), amount -> "980.00".equals(amount));
    }

    @Test
    void aLostOpportunityNeedsAReasonAndBecomesAnEvent() {
        long customer = customer("输单客户", user("seller"));
        Opportunity opened = inTransaction(() ->
                opportunities.create(customer, stage("商务谈判").id(), draft("设备更新", new BigDecimal("12000"), List.of())));

        assertThatThrownBy(() -> inTransaction(() -> progress.lose(opened.id(), "  ", null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("reason"));
        Opportunity lost = inTransaction(() -> progress.lose(opened.id(), "选择了竞争对手", opened.version()));

        assertThat(lost.status()).isEqualTo(OpportunityStatus.LOST);
        assertThat(lost.lostReason()).isEqualTo("选择了竞争对手");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> eventAmount(customer, "opportunity_lost"), amount -> "12000.00".equals(amount));
    }

    @Test
    void aWinStartsTheJourneysTriggeredByItsEvent() {
        long customer = customer("旅程客户", user("seller"));
        Journey thanks = journeys.create("赢单感谢 " + token, null, json.readTree("""
                        {"trigger": {"type": "event", "eventType": "opportunity_won"}, "start": "pause",
                         "nodes": {"pause": {"type": "wait", "params": {"days": 1}, "next": "end"},
                                   "end": {"type": "exit"}}}"""), "test");
        journeys.setStatus(thanks.id(), "ACTIVE");
        try {
            Opportunity opened =
                    inTransaction(() -> opportunities.create(customer, null, draft("感谢", BigDecimal.TEN, List.of())));
            inTransaction(() -> progress.win(opened.id(), OpportunityProgress.Win.WITHOUT_ORDER, null));

            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            jdbc.sql("select count(*) from journey_enrolments where journey_id = ? and customer_id = ?")
                                            .params(thanks.id(), customer)
                                            .query(Long.class)
                                            .single()
                                    == 1);
        } finally {
            journeys.setStatus(thanks.id(), "ARCHIVED");
        }
    }

    @Test
    void aChangeOnAStaleVersionOrAnUnknownStageIsRefused() {
        long customer = customer("并发客户", user("seller"));
        Opportunity opened =
                inTransaction(() -> opportunities.create(customer, null, draft("软件续约", BigDecimal.TEN, List.of())));
        inTransaction(() -> opportunities.update(
                opened.id(), opened.version(), draft("软件续约（三年）", new BigDecimal("30"), List.of())));

        assertThatThrownBy(() -> inTransaction(() ->
                        opportunities.update(opened.id(), opened.version(), draft("覆盖", BigDecimal.ONE, List.of()))))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> inTransaction(
                        () -> progress.move(opened.id(), stage("需求确认").id(), opened.version())))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> inTransaction(() -> progress.move(opened.id(), -1, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("stageId"));
        assertThat(opportunities.find(opened.id()).title()).isEqualTo("软件续约（三年）");
        assertThat(opportunities.find(opened.id()).amount()).isEqualByComparingTo("30");
    }

    @Test
    void anOpportunityLeftInItsStageTooLongIsStuckUntilItMoves() {
        long seller = user("seller");
        long customer = customer("停滞客户", seller);
        int threshold = stage("方案报价").stuckAfterDays();
        Opportunity opened = inTransaction(
                () -> opportunities.create(customer, stage("方案报价").id(), draft("报价跟进", BigDecimal.ONE, List.of())));
        var stuckOfSeller = new OpportunityQuery(seller, null, OpportunityStatus.OPEN, null, null, true);

        clock.advance(Duration.ofDays(threshold - 1));
        assertThat(opportunities.find(opened.id()).stuck()).isFalse();
        assertThat(opportunities.search(stuckOfSeller, 0, 10).items()).isEmpty();

        clock.advance(Duration.ofDays(2));
        Opportunity stuck = opportunities.find(opened.id());
        assertThat(stuck.stuck()).isTrue();
        assertThat(stuck.stuckDays()).isEqualTo(threshold + 1L);
        assertThat(opportunities.search(stuckOfSeller, 0, 10).items())
                .extracting(Opportunity::id)
                .containsExactly(opened.id());

        inTransaction(() -> progress.move(opened.id(), stage("商务谈判").id(), null));
        assertThat(opportunities.find(opened.id()).stuck()).isFalse();
        assertThat(opportunities.search(stuckOfSeller, 0, 10).items()).isEmpty();
    }

    @Test
    void theFunnelAndTheForecastCountWhatTheOwnersOpportunitiesDid() {
        long seller = user("seller");
        long customer = customer("漏斗客户", seller);
        LocalDate today = zone.today(clock);
        YearMonth closing = YearMonth.from(today).plusMonths(2);
        Opportunity quoted = inTransaction(() -> opportunities.create(
                customer, stage("方案报价").id(), draft("A", new BigDecimal("10000"), List.of(), closing.atDay(5))));
        inTransaction(() ->
                opportunities.create(customer, null, draft("B", new BigDecimal("5000"), List.of(), closing.atDay(20))));
        Opportunity toWin = inTransaction(() -> opportunities.create(
                customer, stage("商务谈判").id(), draft("C", new BigDecimal("2000"), List.of(), today)));
        Opportunity toLose = inTransaction(
                () -> opportunities.create(customer, null, draft("D", new BigDecimal("700"), List.of(), today)));
        inTransaction(() -> progress.win(toWin.id(), OpportunityProgress.Win.WITHOUT_ORDER, null));
        inTransaction(() -> progress.lose(toLose.id(), "预算不足", null));

        OpportunityFigures.Funnel funnel = figures.funnel(today.minusDays(1), today, seller);
        assertThat(funnel.opened()).isEqualTo(4);
        assertThat(funnel.won()).isEqualTo(1);
        assertThat(funnel.lost()).isEqualTo(1);
        assertThat(funnel.winRate()).isEqualTo(0.5);
        assertThat(funnel.wonAmount()).isEqualByComparingTo("2000");
        // reached: all four stood in a stage at least as far as the first; A and C got to 方案报价; C to 商务谈判 and won
        assertThat(funnel.steps())
                .extracting(OpportunityFigures.FunnelStep::stage, OpportunityFigures.FunnelStep::reached)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("初步沟通", 4L),
                        org.assertj.core.groups.Tuple.tuple("需求确认", 2L),
                        org.assertj.core.groups.Tuple.tuple("方案报价", 2L),
                        org.assertj.core.groups.Tuple.tuple("商务谈判", 1L),
                        org.assertj.core.groups.Tuple.tuple("合同签订", 1L),
                        org.assertj.core.groups.Tuple.tuple("回款", 1L));
        assertThat(funnel.steps().get(0).conversion()).isEqualTo(0.5);
        assertThat(funnel.steps().get(5).conversion())
                .as("won of those that reached the last stage")
                .isEqualTo(1.0);
        assertThat(figures.byOwner(today.minusDays(1), today, seller))
                .singleElement()
                .satisfies(owner -> {
                    assertThat(owner.opened()).isEqualTo(4);
                    assertThat(owner.open()).isEqualTo(2);
                    assertThat(owner.wonAmount()).isEqualByComparingTo("2000");
                    assertThat(owner.weightedOpen()).isEqualByComparingTo("4500.00");
                });

        List<OpportunityFigures.ForecastMonth> forecast = figures.forecast(seller);
        assertThat(forecast)
                .filteredOn(month -> closing.equals(month.month()))
                .singleElement()
                .satisfies(month -> {
                    assertThat(month.open()).isEqualTo(2);
                    assertThat(month.pipeline()).isEqualByComparingTo("15000");
                    assertThat(month.weighted()).as("10000 × 40% + 5000 × 10%").isEqualByComparingTo("4500");
                });
        assertThat(forecast)
                .filteredOn(month -> YearMonth.from(today).equals(month.month()))
                .singleElement()
                .satisfies(month -> assertThat(month.won()).isEqualByComparingTo("2000"));
        assertThat(quoted.weightedAmount()).isEqualByComparingTo("4000");
    }

    @Test
    void conditionsKnowTheOpenOpportunitiesTheirStageAndTheLastWin() {
        long seller = user("seller");
        long negotiating = customer("谈判中", seller);
        long wonLately = customer("刚赢单", seller);
        long none = customer("无商机", seller);
        inTransaction(() -> opportunities.create(negotiating, null, draft("a", BigDecimal.ONE, List.of())));
        inTransaction(
                () -> opportunities.create(negotiating, stage("商务谈判").id(), draft("b", BigDecimal.ONE, List.of())));
        Opportunity won =
                inTransaction(() -> opportunities.create(wonLately, null, draft("c", BigDecimal.ONE, List.of())));
        inTransaction(() -> progress.win(won.id(), OpportunityProgress.Win.WITHOUT_ORDER, null));
        List<Long> all = List.of(negotiating, wonLately, none);

        assertThat(matching("""
                        {"field": "sales.open_opportunities", "op": "gte", "value": 2}""", all)).containsExactly(negotiating);
        assertThat(matching("""
                        {"field": "sales.open_opportunities", "op": "eq", "value": 0}""", all)).containsExactlyInAnyOrder(wonLately, none);
        assertThat(matching("""
                        {"field": "sales.opportunity_stage", "op": "eq", "value": "商务谈判"}""", all)).containsExactly(negotiating);
        assertThat(matching("""
                        {"field": "sales.days_since_won", "op": "lte", "value": 1}""", all)).containsExactly(wonLately);
        assertThatThrownBy(() -> conditions.parse(json.readTree("""
                        {"field": "sales.opportunity_stage", "op": "eq", "value": "不存在"}"""))).hasMessageContaining("初步沟通");
    }

    @Test
    void opportunitiesMoveWithTheirCustomersMerge() {
        long seller = user("seller");
        long survivor = customer("合并保留", seller);
        long merged = customer("合并被并", seller);
        Opportunity opened =
                inTransaction(() -> opportunities.create(merged, null, draft("随合并移动", BigDecimal.ONE, List.of())));
        inTransaction(() -> progress.move(opened.id(), stage("需求确认").id(), null));

        var merge = merges.merge(survivor, merged);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> opportunities.ofCustomer(survivor).size() == 1);
        assertThat(opportunities.history(opened.id())).hasSize(2).allMatch(move -> move.customerId() == survivor);
        merges.unmerge(merge.id());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> opportunities.ofCustomer(merged).size() == 1
                        && opportunities.ofCustomer(survivor).isEmpty());
    }

    private List<Long> matching(String condition, List<Long> among) {
        return conditions.matchingAmong(conditions.parse(json.readTree(condition)), among);
    }

    private String eventAmount(long customer, String type) {
        return jdbc.sql("select properties ->> 'amount' from events where customer_id = ? and type = ?")
                .params(customer, type)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private OpportunityStage stage(String name) {
        return stages.list().stream()
                .filter(stage -> stage.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Opportunities.OpportunityDraft draft(String title, BigDecimal amount, List<OpportunityLine> lines) {
        return draft(title, amount, lines, null);
    }

    private static Opportunities.OpportunityDraft draft(
            String title, BigDecimal amount, List<OpportunityLine> lines, LocalDate close) {
        return new Opportunities.OpportunityDraft(title, amount, close, null, lines, null);
    }

    private String product(String name, String price) {
        String sku = "SKU-" + token;
        jdbc.sql("insert into products (sku, name, category, price) values (?, ?, '茶叶', ?)")
                .params(sku, name, new BigDecimal(price))
                .update();
        return sku;
    }

    private long user(String name) {
        return users.create(new UserAccounts.NewUser(
                        name + "-" + token + "-" + System.nanoTime(),
                        name,
                        null,
                        "opportunities test password",
                        Set.of(Role.SALES)))
                .id();
    }

    private long customer(String name, long owner) {
        return jdbc.sql("""
                        insert into customers (kind, name, owner_id, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, ?, '{}', now(), now()) returning id""").params(name + " " + token, owner).query(Long.class).single();
    }
}
