package dev.retain.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.IntegrationTest;
import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.MonthlyPartitions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Every kind of condition on a few customers whose answers are known by hand. */
@IntegrationTest
class ConditionsTests {

    @Autowired
    Conditions conditions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonthlyPartitions partitions;

    @Autowired
    CustomFields customFields;

    @Autowired
    ObjectMapper json;

    SegmentData data;
    long loyal;
    long lapsed;
    long newcomer;
    long nobody;

    /**
     * loyal: tea 10, 40, 70, 100 days ago (100 each, one with a coupon), coffee 20 days ago (50), a refunded order 5
     * days ago; lapsed: tea 200 and 100 days ago (300 each); newcomer: coffee 3 days ago (80); nobody: no orders.
     */
    @BeforeEach
    void customers() {
        data = new SegmentData(jdbc, partitions);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        loyal = data.aCustomer("王芳", "上海", today.plusDays(3).minusYears(30));
        lapsed = data.aCustomer("Li Lei", "北京", today.minusYears(40));
        newcomer = data.aCustomer("Anna", null, null);
        nobody = data.aCustomer("张伟", "上海", null);
        for (int daysAgo : new int[] {10, 40, 70, 100}) {
            data.anOrder(loyal, daysAgo, "100", "tea", daysAgo == 40 ? "SPRING10" : null, "PAID");
        }
        data.anOrder(loyal, 20, "50", "coffee");
        data.anOrder(loyal, 5, "999", "tea", null, "REFUNDED");
        data.anOrder(lapsed, 200, "300", "tea");
        data.anOrder(lapsed, 100, "300", "tea");
        data.anOrder(newcomer, 3, "80", "coffee");
        for (int daysAgo : new int[] {1, 2, 3, 35, 40}) {
            data.anEvent(loyal, "login", daysAgo);
        }
        for (int daysAgo : new int[] {31, 32, 33, 34, 35, 36, 37, 38, 39, 40}) {
            data.anEvent(lapsed, "login", daysAgo);
        }
        data.anEvent(lapsed, "login", 2);
    }

    @Test
    void orderCountsWithinAWindowByCategoryAndCoupon() {
        assertThat(matching("""
                {"field": "orders.count", "op": "gte", "value": 3, "params": {"within_days": 75}}""")).containsExactly(loyal);
        assertThat(matching("""
                {"field": "orders.count", "op": "eq", "value": 2, "params": {"category": "tea"}}""")).containsExactly(lapsed);
        assertThat(matching("""
                {"field": "orders.count", "op": "gte", "value": 1, "params": {"coupon": "used"}}""")).containsExactly(loyal);
        assertThat(matching("""
                {"field": "orders.count", "op": "eq", "value": 0}""")).containsExactly(nobody);
    }

    @Test
    void spendAndAverageLeaveRefundsOut() {
        assertThat(value("""
                {"field": "orders.spend", "op": "gte", "value": 0}""", loyal)).isEqualByComparingTo("450");
        assertThat(value("""
                {"field": "orders.avg_value", "op": "gte", "value": 0}""", loyal)).isEqualByComparingTo("90");
        assertThat(matching("""
                {"field": "orders.spend", "op": "between", "value": [500, 700]}""")).containsExactly(lapsed);
        assertThat(matching("""
                {"field": "orders.spend", "op": "gt", "value": 60, "params": {"category": "coffee"}}""")).containsExactly(newcomer);
    }

    @Test
    void recencyAndDates() {
        assertThat(matching("""
                {"field": "orders.days_since_last", "op": "gt", "value": 60}""")).containsExactly(lapsed);
        assertThat(value("""
                {"field": "orders.days_since_last", "op": "gte", "value": 0}""", loyal)).isEqualByComparingTo("10");
        assertThat(matching("""
                {"field": "orders.first_date", "op": "in_last_days", "value": 7}""")).containsExactly(newcomer);
        assertThat(matching("""
                {"field": "orders.last_date", "op": "more_than_days_ago", "value": 30}""")).containsExactly(lapsed);
        assertThat(matching("""
                {"field": "orders.days_since_last", "op": "is_empty"}""")).containsExactly(nobody);
    }

    @Test
    void categoryShareOfSpend() {
        // loyal: tea 400 of 450 = 88.9%; lapsed: 100% tea; newcomer: 100% coffee.
        assertThat(matching("""
                {"field": "orders.category_share", "op": "gt", "value": 60}""")).containsExactlyInAnyOrder(loyal, lapsed, newcomer);
        assertThat(value("""
                {"field": "orders.category_share", "op": "gte", "value": 0, "params": {"category": "tea"}}""", loyal)).isEqualByComparingTo("88.9");
        assertThat(matching("""
                {"field": "orders.category_share", "op": "gt", "value": 60, "params": {"category": "coffee"}}""")).containsExactly(newcomer);
    }

    @Test
    void ownRhythm() {
        // loyal: first 100 days ago, last 10 (give or take half a day: orders are at noon), five orders: every
        // 22.5 days; 10 / 22.5 = 0.44.
        // lapsed: 100 days apart, last 100 days ago: 1.0. newcomer: one order, no rhythm.
        assertThat(value("""
                {"field": "orders.overdue_ratio", "op": "gte", "value": 0}""", loyal)).isBetween(new BigDecimal("0.42"), new BigDecimal("0.47"));
        assertThat(matching("""
                {"field": "orders.overdue_ratio", "op": "gte", "value": 0.9}""")).containsExactly(lapsed);
        assertThat(matching("""
                {"field": "orders.avg_interval_days", "op": "is_empty"}""")).containsExactly(newcomer, nobody);
    }

    @Test
    void eventCountsAndTheirChange() {
        // logins, last 30 days vs the 30 before: loyal 3 vs 2 (+50%), lapsed 1 vs 10 (-90%).
        assertThat(matching("""
                {"field": "events.count", "op": "gte", "value": 3, "params": {"event_type": "login", "within_days": 30}}""")).containsExactly(loyal);
        assertThat(matching("""
                {"field": "events.change_pct", "op": "lte", "value": -30, "params": {"event_type": "login", "days": 30}}""")).containsExactly(lapsed);
        assertThat(value("""
                {"field": "events.change_pct", "op": "gte", "value": -100, "params": {"event_type": "login", "days": 30}}""", loyal)).isEqualByComparingTo("50");
        assertThat(matching("""
                {"field": "events.days_since_last", "op": "is_empty"}""")).containsExactly(newcomer, nobody);
    }

    @Test
    void anniversariesAndRelativeDates() {
        assertThat(matching("""
                {"field": "profile.birthday", "op": "anniversary_in_next_days", "value": 7}""")).containsExactly(loyal, lapsed);
        assertThat(matching("""
                {"field": "profile.birthday", "op": "anniversary_in_next_days", "value": 0}""")).containsExactly(lapsed);
        assertThat(matching("""
                {"field": "profile.birthday", "op": "anniversary_in_next_days", "value": 2}""")).containsExactly(lapsed);
    }

    @Test
    void customFieldsAreTypedAndTheirKeyIsBound() {
        String key = "contract_end_" + (System.nanoTime() % 100000);
        customFields.define(new CustomFields.NewField(key, "Contract end", CustomFieldType.DATE, List.of(), false));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        data.setCustomFields(loyal, "{\"%s\": \"%s\"}".formatted(key, today.plusDays(20)));
        data.setCustomFields(lapsed, "{\"%s\": \"%s\"}".formatted(key, today.plusDays(45)));

        assertThat(matching("""
                {"field": "custom.%s", "op": "in_next_days", "value": 30}""".formatted(key))).containsExactly(loyal);
        assertThat(matching("""
                {"field": "custom.%s", "op": "is_empty"}""".formatted(key))).containsExactly(newcomer, nobody);
    }

    @Test
    void profileFieldsAndGroups() {
        assertThat(matching("""
                {"field": "profile.city", "op": "eq", "value": "上海"}""")).containsExactly(loyal, nobody);
        // "not Shanghai" includes customers without a city.
        assertThat(matching("""
                {"field": "profile.city", "op": "ne", "value": "上海"}""")).containsExactly(lapsed, newcomer);
        assertThat(matching("""
                {"field": "profile.name", "op": "contains", "value": "lei"}""")).containsExactly(lapsed);
        assertThat(matching("""
                {"and": [{"field": "profile.city", "op": "in", "value": ["上海", "北京"]},
                         {"or": [{"field": "orders.count", "op": "eq", "value": 0},
                                 {"field": "orders.days_since_last", "op": "gt", "value": 60}]}]}""")).containsExactly(lapsed, nobody);
        // NOT is the complement, even where a value is missing.
        assertThat(matching("""
                {"not": {"field": "orders.days_since_last", "op": "gt", "value": 60}}""")).containsExactly(loyal, newcomer, nobody);
    }

    @Test
    void aPreviewCountsAndShowsTheValuesThatMatched() {
        String name = "Li Lei " + lapsed;
        jdbc.sql("update customers set name = ? where id = ?")
                .params(name, lapsed)
                .update();

        var preview = conditions.preview(parse("""
                        {"and": [{"field": "profile.name", "op": "eq", "value": "%s"},
                                 {"field": "orders.count", "op": "gte", "value": 2}]}""".formatted(name)), 5);

        assertThat(preview.count()).isEqualTo(1);
        assertThat(preview.sample()).singleElement().satisfies(member -> {
            assertThat(member.customerId()).isEqualTo(lapsed);
            assertThat(member.values()).containsEntry("profile.name", name).containsEntry("orders.count", 2);
        });
    }

    @Test
    void faultsArePointedAt() {
        assertThatThrownBy(() -> parse("""
                        {"and": [{"field": "orders.count", "op": "gte", "value": 3},
                                 {"field": "orders.cnt", "op": "gte", "value": 3},
                                 {"field": "orders.count", "op": "contains", "value": 3},
                                 {"field": "orders.count", "op": "gte", "value": "three"},
                                 {"field": "orders.count", "op": "gte", "value": 1, "params": {"within_days": -5, "colour": "red"}},
                                 {"field": "profile.kind", "op": "eq", "value": "ROBOT"},
                                 {"field": "tag", "op": "is_true", "params": {"name": "no such tag"}},
                                 {"or": []}]}"""))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors())
                                .containsEntry("condition.and[1].field", "unknown field \"orders.cnt\"")
                                .containsKey("condition.and[2].op")
                                .containsEntry("condition.and[3].value", "must be a number")
                                .containsEntry(
                                        "condition.and[4].params.within_days", "must be a whole number of days above 0")
                                .containsEntry("condition.and[4].params.colour", "is not a parameter of orders.count")
                                .containsEntry("condition.and[5].value", "must be one of PERSON, COMPANY")
                                .containsEntry("condition.and[6]", "there is no tag named \"no such tag\"")
                                .containsEntry("condition.and[7].or", "must be a non-empty list of conditions")
                                .doesNotContainKey("condition.and[0]"));
    }

    @Test
    void injectionThroughNamesIsRefusedAndThroughValuesIsHarmless() {
        assertThatThrownBy(() -> parse("""
                        {"field": "profile.city; drop table customers; --", "op": "eq", "value": "x"}""")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> parse("""
                        {"field": "custom.x') or true --", "op": "eq", "value": "x"}""")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> parse("""
                        {"field": "orders.count", "op": "gte; delete from orders", "value": 1}""")).isInstanceOf(InvalidInputException.class);

        assertThat(matching("""
                {"field": "profile.city", "op": "eq", "value": "上海' or '1'='1"}""")).isEmpty();
        assertThat(matching("""
                {"field": "orders.count", "op": "gte", "value": 1, "params": {"category": "tea'); delete from orders; --"}}""")).isEmpty();
        assertThat(jdbc.sql("select count(*) from orders where customer_id = ?")
                        .param(loyal)
                        .query(Long.class)
                        .single())
                .isEqualTo(6);
    }

    private List<Long> matching(String condition) {
        return conditions.matchingAmong(parse(condition), List.of(loyal, lapsed, newcomer, nobody)).stream()
                .sorted()
                .toList();
    }

    private BigDecimal value(String condition, long customerId) {
        Condition parsed = parse(condition);
        var query = conditions.query(List.of(customerId));
        String reason = Conditions.reasonSql(parsed, query);
        Map<String, Object> values = Reasons.read(jdbc.sql(query.select(reason, null))
                .params(query.params())
                .query(String.class)
                .single());
        return new BigDecimal(values.values().iterator().next().toString());
    }

    private Condition parse(String condition) {
        return conditions.parse(json.readTree(condition));
    }
}
