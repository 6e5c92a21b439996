package dev.retain.predict;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers with orders on chosen days (10:00 in the company's time zone), written straight to the tables. */
final class Buyers {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;

    Buyers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long aCustomer(String name) {
        return jdbc.sql("""
                        insert into customers (kind, name, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, '{}', now(), now()) returning id""").param(name).query(Long.class).single();
    }

    long order(long customer, LocalDate day, String amount, String status) {
        return order(customer, day, amount, status, null);
    }

    long order(long customer, LocalDate day, String amount, String status, String coupon) {
        return jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, coupon_code, created_at)
                        values (?, 'test', ?, ?, ?, 'CNY', ?, ?, ?, now()) returning id""")
                .params(
                        customer,
                        "B" + System.nanoTime(),
                        Timestamp.from(day.atTime(10, 0).atZone(SHANGHAI).toInstant()),
                        status,
                        new BigDecimal(amount),
                        new BigDecimal(amount),
                        coupon)
                .query(Long.class)
                .single();
    }

    void line(long order, long customer, String category) {
        jdbc.sql("""
                        insert into order_lines (order_id, line_no, customer_id, sku, product_name, category, quantity,
                                                 unit_price)
                        select ?, coalesce(max(line_no), 0) + 1, ?, 'SKU-' || ?, ?, ?, 1, 10
                        from order_lines where order_id = ?""")
                .params(order, customer, category, category, category, order)
                .update();
    }
}
