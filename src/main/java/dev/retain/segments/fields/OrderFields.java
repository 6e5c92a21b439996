package dev.retain.segments.fields;

import static dev.retain.segments.DataChange.ORDERS;
import static dev.retain.segments.DataChange.TIME;

import dev.retain.segments.ConditionField;
import dev.retain.segments.FactSource;
import dev.retain.segments.FieldParameter;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Conditions on paid orders: aggregates within an optional window ({@code within_days}), optionally only orders with
 * a category or product ({@code category}, {@code sku}) or with / without a coupon ({@code coupon}); category share
 * of spend; and the customer's own rhythm.
 */
@Configuration(proxyBeanMethods = false)
class OrderFields {

    private static final FieldParameter WITHIN_DAYS = FieldParameter.days("within_days", false);
    private static final FieldParameter CATEGORY = FieldParameter.text("category", false);
    private static final List<FieldParameter> FILTERS = List.of(
            WITHIN_DAYS,
            CATEGORY,
            FieldParameter.text("sku", false),
            FieldParameter.choice("coupon", false, List.of("used", "not_used")));
    private static final List<FieldParameter> FILTERS_ALL_TIME = FILTERS.subList(1, FILTERS.size());

    @Bean
    ConditionField ordersCount() {
        return SimpleConditionField.of(
                "orders.count",
                ValueType.NUMBER,
                Set.of(ORDERS, TIME),
                FILTERS,
                (p, q) -> "coalesce(" + aggregate(p, q, "count(distinct order_id)", "count(*)") + ", 0)");
    }

    @Bean
    ConditionField ordersSpend() {
        return SimpleConditionField.of(
                "orders.spend",
                ValueType.NUMBER,
                Set.of(ORDERS, TIME),
                FILTERS,
                (p, q) -> "coalesce(" + aggregate(p, q, "sum(line_amount)", "sum(base_amount)") + ", 0)");
    }

    @Bean
    ConditionField ordersAverageValue() {
        return SimpleConditionField.of(
                "orders.avg_value",
                ValueType.NUMBER,
                Set.of(ORDERS, TIME),
                FILTERS,
                (p, q) -> "round(" + aggregate(p, q, "sum(line_amount)", "sum(base_amount)") + " / nullif("
                        + aggregate(p, q, "count(distinct order_id)", "count(*)") + ", 0), 2)");
    }

    @Bean
    ConditionField ordersFirstDate() {
        return SimpleConditionField.of(
                "orders.first_date",
                ValueType.DATE,
                Set.of(ORDERS),
                FILTERS_ALL_TIME,
                (p, q) -> q.localDate(aggregate(p, q, "min(ordered_at)", "min(ordered_at)")));
    }

    @Bean
    ConditionField ordersLastDate() {
        return SimpleConditionField.of(
                "orders.last_date",
                ValueType.DATE,
                Set.of(ORDERS),
                FILTERS_ALL_TIME,
                (p, q) -> q.localDate(aggregate(p, q, "max(ordered_at)", "max(ordered_at)")));
    }

    /** Days since the last order; empty for customers who never ordered. */
    @Bean
    ConditionField ordersDaysSinceLast() {
        return SimpleConditionField.of(
                "orders.days_since_last",
                ValueType.NUMBER,
                Set.of(ORDERS, TIME),
                FILTERS_ALL_TIME,
                (p, q) -> "(" + q.bind(q.today()) + " - "
                        + q.localDate(aggregate(p, q, "max(ordered_at)", "max(ordered_at)")) + ")");
    }

    @Bean
    ConditionField ordersDaysSinceFirst() {
        return SimpleConditionField.of(
                "orders.days_since_first",
                ValueType.NUMBER,
                Set.of(ORDERS, TIME),
                FILTERS_ALL_TIME,
                (p, q) -> "(" + q.bind(q.today()) + " - "
                        + q.localDate(aggregate(p, q, "min(ordered_at)", "min(ordered_at)")) + ")");
    }

    /** Average days between orders (first to last over orders minus one); empty below two orders. */
    @Bean
    ConditionField ordersAverageInterval() {
        return SimpleConditionField.of(
                "orders.avg_interval_days",
                ValueType.NUMBER,
                Set.of(ORDERS),
                List.of(),
                (p, q) -> "round((" + averageIntervalSeconds(q) + " / 86400)::numeric, 1)");
    }

    /**
     * The customer's own rhythm: days since the last order divided by their average interval — 1.5 means half an
     * interval overdue. Empty below two orders.
     */
    @Bean
    ConditionField ordersOverdueRatio() {
        return SimpleConditionField.of(
                "orders.overdue_ratio",
                ValueType.NUMBER,
                Set.of(ORDERS, TIME),
                List.of(),
                (p, q) -> "round((extract("
                        + "epoch from " + q.bind(q.now()) + " - "
                        + q.aggregate(FactSource.ORDERS, "max(ordered_at)", null, null)
                        + ") / nullif(" + averageIntervalSeconds(q) + ", 0))::numeric, 2)");
    }

    /** Percent (0–100) of the customer's orders that used a coupon; empty without orders. */
    @Bean
    ConditionField ordersCouponShare() {
        return SimpleConditionField.of(
                "orders.coupon_share",
                ValueType.NUMBER,
                Set.of(ORDERS, TIME),
                List.of(WITHIN_DAYS),
                (p, q) -> "round(100.0 * coalesce("
                        + q.aggregate(FactSource.ORDERS, "count(*)", "coupon_code is not null", since(p, q))
                        + ", 0) / nullif(" + q.aggregate(FactSource.ORDERS, "count(*)", null, since(p, q))
                        + ", 0), 1)");
    }

    /**
     * Percent (0–100) of spend in one category: the given {@code category}, or without it the customer's top
     * category. "Over 60% of spend in one category" is {@code gt 60} without a category.
     */
    @Bean
    ConditionField ordersCategoryShare() {
        return SimpleConditionField.of(
                "orders.category_share",
                ValueType.NUMBER,
                Set.of(ORDERS, TIME),
                List.of(WITHIN_DAYS, CATEGORY),
                (p, q) -> p.containsKey("category") ? givenCategoryShare(p, q) : topCategoryShare(p, q));
    }

    private static String givenCategoryShare(Map<String, Object> p, FieldQuery q) {
        Instant since = since(p, q);
        String inCategory = q.aggregate(
                FactSource.ORDER_LINES, "sum(line_amount)", "category = " + q.bind(p.get("category")), since);
        String all = q.aggregate(FactSource.ORDER_LINES, "sum(line_amount)", null, since);
        return "round(100 * " + inCategory + " / nullif(" + all + ", 0), 1)";
    }

    private static String topCategoryShare(Map<String, Object> p, FieldQuery q) {
        Instant since = since(p, q);
        String window = since == null ? "" : " and ordered_at >= " + q.bind(since);
        return q.perCustomer("select customer_id, round(100 * max(spend) / nullif(sum(spend), 0), 1) as value"
                + " from (select customer_id, category, sum(line_amount) as spend from paid_order_lines_view where "
                + q.scope("customer_id") + window + " group by customer_id, category) spends group by customer_id");
    }

    private static String averageIntervalSeconds(FieldQuery q) {
        return "extract(epoch from " + q.aggregate(FactSource.ORDERS, "max(ordered_at) - min(ordered_at)", null, null)
                + ") / nullif(" + q.aggregate(FactSource.ORDERS, "count(*)", null, null) + " - 1, 0)";
    }

    /** The aggregate over order lines when a category or product is asked for, over orders otherwise. */
    private static String aggregate(Map<String, Object> p, FieldQuery q, String overLines, String overOrders) {
        var filters = new ArrayList<String>();
        boolean byLine = p.containsKey("category") || p.containsKey("sku");
        if (p.containsKey("category")) {
            filters.add("category = " + q.bind(p.get("category")));
        }
        if (p.containsKey("sku")) {
            filters.add("sku = " + q.bind(p.get("sku")));
        }
        if (p.containsKey("coupon")) {
            filters.add("used".equals(p.get("coupon")) ? "coupon_code is not null" : "coupon_code is null");
        }
        return q.aggregate(
                byLine ? FactSource.ORDER_LINES : FactSource.ORDERS,
                byLine ? overLines : overOrders,
                filters.isEmpty() ? null : String.join(" and ", filters),
                since(p, q));
    }

    private static Instant since(Map<String, Object> p, FieldQuery q) {
        Object days = p.get("within_days");
        return days == null ? null : q.now().minus(Duration.ofDays((Integer) days));
    }
}
