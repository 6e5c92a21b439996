package dev.retain.predict;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customers with orders, loyalty ledger movements and tier moves on chosen days (10:00 in the company's time zone),
 * written straight to the tables.
 */
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

    /** A ledger transaction moving {@code points} from one account to another (PROGRAMME, PENDING, ACTIVE, ...). */
    void points(long customer, LocalDate day, String reason, String from, String to, long points) {
        long transaction = jdbc.sql("""
                        insert into loyalty_transactions (customer_id, id, reason, idempotency_key, actor, at,
                                                          active_after, pending_after)
                        values (?, nextval('loyalty_transaction_ids'), ?, ?, 'test', ?, 0, 0) returning id""")
                .params(customer, reason, "B" + System.nanoTime(), at(day))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into loyalty_entries (customer_id, transaction_id, account, points)
                        values (?, ?, ?, ?), (?, ?, ?, ?)""")
                .params(customer, transaction, from, -points, customer, transaction, to, points)
                .update();
    }

    /** A tier of its own, above every existing one; its id. */
    int aTier() {
        return jdbc.sql("""
                        insert into loyalty_tiers (rank, name, threshold)
                        select coalesce(max(rank), -1) + 1, ?, coalesce(max(threshold), 0) + 100 from loyalty_tiers
                        returning id""")
                .param("Tier " + System.nanoTime())
                .query(Integer.class)
                .single();
    }

    int rankOf(int tier) {
        return jdbc.sql("select rank from loyalty_tiers where id = ?")
                .param(tier)
                .query(Integer.class)
                .single();
    }

    /** A tier move; a null tier is none. */
    void tierMove(long customer, LocalDate day, Integer from, Integer to, String direction) {
        jdbc.sql("""
                        insert into loyalty_tier_history (customer_id, from_tier_id, to_tier_id, direction, qualifying, at)
                        values (?, ?, ?, ?, 0, ?)""").params(customer, from, to, direction, at(day)).update();
    }

    private static Timestamp at(LocalDate day) {
        return Timestamp.from(day.atTime(10, 0).atZone(SHANGHAI).toInstant());
    }
}
