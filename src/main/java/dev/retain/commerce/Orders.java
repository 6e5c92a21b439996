package dev.retain.commerce;

import dev.retain.platform.PostgresCopy;
import dev.retain.platform.Replayable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders and products: bulk loading, and what other modules ask about a customer's orders. */
@Service
public class Orders {

    private final JdbcClient jdbc;
    private final PostgresCopy copy;
    private final Clock clock;

    Orders(JdbcClient jdbc, PostgresCopy copy, Clock clock) {
        this.jdbc = jdbc;
        this.copy = copy;
        this.clock = clock;
    }

    public long count() {
        return jdbc.sql("select count(*) from orders").query(Long.class).single();
    }

    public CustomerOrderSummary summaryOf(long customerId) {
        return jdbc.sql("""
                        select count(*), coalesce(sum(base_amount), 0), min(ordered_at), max(ordered_at)
                        from paid_orders_view where customer_id = ?""")
                .param(customerId)
                .query((rs, row) -> {
                    long paid = rs.getLong(1);
                    BigDecimal spend = rs.getBigDecimal(2);
                    Timestamp first = rs.getTimestamp(3);
                    Timestamp last = rs.getTimestamp(4);
                    return new CustomerOrderSummary(
                            paid,
                            spend,
                            paid == 0
                                    ? BigDecimal.ZERO
                                    : spend.divide(BigDecimal.valueOf(paid), 2, RoundingMode.HALF_UP),
                            first == null ? null : first.toInstant(),
                            last == null ? null : last.toInstant());
                })
                .single();
    }

    /** The customer's most recent orders, lines included. */
    /** An order's own columns, in the order {@link #orderWithoutLines} reads them. */
    static final String ORDER_COLUMNS =
            "id, customer_id, source, external_id, ordered_at, status, currency, amount, base_amount, coupon_code";

    static Order orderWithoutLines(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Order(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                OrderStatus.valueOf(rs.getString(6)),
                rs.getString(7).strip(),
                rs.getBigDecimal(8),
                rs.getBigDecimal(9),
                rs.getString(10),
                List.of());
    }

    public List<Order> recentOf(long customerId, int limit) {
        List<Order> orders = jdbc.sql("select " + ORDER_COLUMNS
                        + " from orders where customer_id = ? order by ordered_at desc, id desc limit ?")
                .params(customerId, limit)
                .query(Orders::orderWithoutLines)
                .list();
        if (orders.isEmpty()) {
            return orders;
        }
        Map<Long, List<Order.OrderLine>> linesByOrder = jdbc
                .sql("""
                        select order_id, line_no, sku, product_name, category, quantity, unit_price
                        from order_lines where order_id in (:ids) order by order_id, line_no""")
                .param("ids", orders.stream().map(Order::id).toList())
                .query((rs, row) -> Map.entry(
                        rs.getLong(1),
                        new Order.OrderLine(
                                rs.getInt(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getInt(6),
                                rs.getBigDecimal(7))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return orders.stream()
                .map(order -> new Order(
                        order.id(),
                        order.customerId(),
                        order.source(),
                        order.externalId(),
                        order.orderedAt(),
                        order.status(),
                        order.currency(),
                        order.amount(),
                        order.baseAmount(),
                        order.couponCode(),
                        linesByOrder.getOrDefault(order.id(), List.of())))
                .toList();
    }

    /** Paid revenue in the base currency over the last {@code days} days. */
    public BigDecimal revenueOfLastDays(int days) {
        return jdbc.sql("select coalesce(sum(base_amount), 0) from paid_orders_view where ordered_at >= ?")
                .param(Timestamp.from(clock.instant().minus(Duration.ofDays(days))))
                .query(BigDecimal.class)
                .single();
    }

    /**
     * Loads products and orders into empty tables in one transaction with {@code COPY}; ids are the records' own. For
     * the demo dataset and benchmarks.
     */
    @Transactional
    public long loadInBulk(List<Product> products, Replayable<Order> orders) {
        copy.into(
                "products",
                "sku, name, category, price",
                rows -> products.forEach(
                        product -> rows.row(product.sku(), product.name(), product.category(), product.price())));
        long loaded = copy.into(
                "orders",
                "id, customer_id, source, external_id, ordered_at, status, currency, amount, base_amount, coupon_code,"
                        + " created_at",
                rows -> orders.forEach(order -> rows.row(
                        order.id(),
                        order.customerId(),
                        order.source(),
                        order.externalId(),
                        order.orderedAt(),
                        order.status().name(),
                        order.currency(),
                        order.amount(),
                        order.baseAmount(),
                        order.couponCode(),
                        order.orderedAt())));
        copy.into(
                "order_lines",
                "order_id, line_no, customer_id, sku, product_name, category, quantity, unit_price, ordered_at, status,"
                        + " coupon_code, line_amount",
                rows -> orders.forEach(order -> order.lines()
                        .forEach(line -> rows.row(
                                order.id(),
                                line.lineNo(),
                                order.customerId(),
                                line.sku(),
                                line.productName(),
                                line.category(),
                                line.quantity(),
                                line.unitPrice(),
                                order.orderedAt(),
                                order.status().name(),
                                order.couponCode(),
                                order.baseAmountOf(line)))));
        jdbc.sql("select setval(pg_get_serial_sequence('orders', 'id'), coalesce(max(id), 1)) from orders")
                .query(Long.class)
                .single();
        // Fresh statistics, so the first set-based queries after a bulk load get sensible plans.
        jdbc.sql("analyze orders").update();
        jdbc.sql("analyze order_lines").update();
        return loaded;
    }
}
