package dev.retain.segments;

import dev.retain.platform.MonthlyPartitions;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers with orders and events placed at chosen times, written straight to the tables. */
final class SegmentData {

    private static final AtomicLong ORDER_NUMBERS = new AtomicLong(System.nanoTime());

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;
    private final ZoneId zone = ZoneId.of("Asia/Shanghai");

    SegmentData(JdbcClient jdbc, MonthlyPartitions partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    long aCustomer(String name) {
        return aCustomer(name, "上海", null);
    }

    long aCustomer(String name, String city, LocalDate birthday) {
        return jdbc.sql("""
                        insert into customers (kind, name, city, birthday, lifecycle_stage, custom_fields, created_at,
                                               updated_at)
                        values ('PERSON', ?, ?, ?, 'REPEAT', '{}', now(), now()) returning id""")
                .params(name, city, birthday == null ? null : Date.valueOf(birthday))
                .query(Long.class)
                .single();
    }

    void setCustomFields(long customerId, String json) {
        jdbc.sql("update customers set custom_fields = ?::jsonb where id = ?")
                .params(json, customerId)
                .update();
    }

    /** Noon in the company's time zone {@code daysAgo} days before today (today's noon may still be ahead). */
    Instant noon(int daysAgo) {
        return LocalDate.now(zone).minusDays(daysAgo).atTime(12, 0).atZone(zone).toInstant();
    }

    /** A paid order {@code daysAgo} days ago with one line of the category. */
    long anOrder(long customerId, int daysAgo, String amount, String category) {
        return anOrder(customerId, daysAgo, amount, category, null, "PAID");
    }

    long anOrder(long customerId, int daysAgo, String amount, String category, String coupon, String status) {
        Instant at = noon(daysAgo);
        long id = jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, coupon_code, created_at)
                        values (?, 'test', ?, ?, ?, 'CNY', ?, ?, ?, now()) returning id""")
                .params(
                        customerId,
                        "T" + ORDER_NUMBERS.incrementAndGet(),
                        Timestamp.from(at),
                        status,
                        new BigDecimal(amount),
                        new BigDecimal(amount),
                        coupon)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into order_lines (order_id, line_no, customer_id, sku, product_name, category, quantity,
                                                 unit_price)
                        values (?, 1, ?, ?, ?, ?, 1, ?)""")
                .params(id, customerId, category + "-1", category + " item", category, new BigDecimal(amount))
                .update();
        return id;
    }

    void anEvent(long customerId, String type, int daysAgo) {
        Instant at = noon(daysAgo);
        partitions.ensure("events", at, at);
        jdbc.sql("insert into events (customer_id, type, occurred_at, properties) values (?, ?, ?, '{}')")
                .params(customerId, type, Timestamp.from(at))
                .update();
    }
}
