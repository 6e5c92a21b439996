package dev.retain.analytics;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Customers of one region (unique per instance) with orders on chosen days, written straight to the tables. */
public final class ShopHistory {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final AtomicLong ORDER_NUMBERS = new AtomicLong(System.nanoTime());

    public final String region = "区域" + UUID.randomUUID().toString().substring(0, 8);
    public final String category = "品类" + UUID.randomUUID().toString().substring(0, 8);
    private final JdbcClient jdbc;

    public ShopHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CustomerScope scope() {
        return new CustomerScope(null, region, null, null);
    }

    public long aCustomer(String name, String stage) {
        return jdbc.sql("""
                        insert into customers (kind, name, region, lifecycle_stage, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, ?, ?, '{}', now(), now()) returning id""").params(name, region, stage).query(Long.class).single();
    }

    public static Instant noonOf(LocalDate day) {
        return day.atTime(12, 0).atZone(ZONE).toInstant();
    }

    public long paid(long customerId, String day, String amount) {
        return order(customerId, LocalDate.parse(day), "PAID", amount, "其他");
    }

    /** An order with one line of {@code category} per amount given. */
    public long order(long customerId, LocalDate day, String status, String amount, String... lineCategories) {
        long id = jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, created_at)
                        values (?, 'test', ?, ?, ?, 'CNY', ?, ?, now()) returning id""")
                .params(
                        customerId,
                        "A" + ORDER_NUMBERS.incrementAndGet(),
                        Timestamp.from(noonOf(day)),
                        status,
                        new BigDecimal(amount),
                        new BigDecimal(amount))
                .query(Long.class)
                .single();
        BigDecimal share = new BigDecimal(amount).divide(BigDecimal.valueOf(lineCategories.length));
        for (int i = 0; i < lineCategories.length; i++) {
            jdbc.sql("""
                            insert into order_lines (order_id, line_no, customer_id, sku, product_name, category,
                                                     quantity, unit_price)
                            values (?, ?, ?, ?, ?, ?, 1, ?)""")
                    .params(id, i + 1, customerId, "SKU" + i, "item", lineCategories[i], share)
                    .update();
        }
        return id;
    }

    public void churnBand(long customerId, String band) {
        jdbc.sql("""
                        insert into churn_scores (customer_id, probability, band, reasons, model_id, scored_at)
                        values (?, ?, ?, '[]', 0, now())""").params(customerId, "HIGH".equals(band) ? 0.9 : 0.1, band).update();
    }

    public void predictedClv(long customerId, String clv) {
        jdbc.sql("""
                        insert into clv_scores (customer_id, p_alive, expected_purchases, predicted_clv, fit_id, scored_at)
                        values (?, 0.5, 1, ?, 0, now())""").params(customerId, new BigDecimal(clv)).update();
    }
}
