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

    void order(long customer, LocalDate day, String amount, String status) {
        jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, created_at)
                        values (?, 'test', ?, ?, ?, 'CNY', ?, ?, now())""")
                .params(
                        customer,
                        "B" + System.nanoTime(),
                        Timestamp.from(day.atTime(10, 0).atZone(SHANGHAI).toInstant()),
                        status,
                        new BigDecimal(amount),
                        new BigDecimal(amount))
                .update();
    }
}
