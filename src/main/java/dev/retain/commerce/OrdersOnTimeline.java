package dev.retain.commerce;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Orders on the customer's timeline: placed, refunded or cancelled, with their amount and products. */
@Component
class OrdersOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    OrdersOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "order";
    }

    @Override
    public int order() {
        return 10;
    }

    /**
     * Reads {@code orders_customer_idx} backwards from the cursor and stops after {@code limit} orders; the products
     * are looked up for those orders only, by their primary key.
     */
    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return jdbc.sql("""
                        select o.external_id, o.ordered_at, o.status, o.currency, o.amount,
                               (select string_agg(l.product_name || ' ×' || l.quantity, '；' order by l.line_no)
                                from order_lines l where l.order_id = o.id)
                        from (select id, external_id, ordered_at, status, currency, amount from orders
                              where customer_id = ? and ordered_at < ?
                              order by ordered_at desc, id desc limit ?) o
                        order by o.ordered_at desc, o.id desc""")
                .params(customerId, Timestamp.from(before), limit)
                .query((rs, row) -> TimelineEntry.of(
                        rs.getTimestamp(2).toInstant(),
                        kind(),
                        type(OrderStatus.valueOf(rs.getString(3))),
                        rs.getString(6),
                        null,
                        rs.getString(1),
                        rs.getString(4).strip() + " " + amount(rs.getBigDecimal(5))))
                .list();
    }

    private static String type(OrderStatus status) {
        switch (status) {
            case REFUNDED:
                return "refunded";
            case CANCELLED:
                return "cancelled";
            case RETURNED:
                return "returned";
            default:
                return "placed";
        }
    }

    private static String amount(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }
}
