package dev.retain.predict;

import java.math.BigDecimal;
import java.sql.Date;
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

    /**
     * A ledger transaction moving {@code points} from one account to another, kept whole as the ledger check wants it:
     * its key, the member's cached wallet, a lot for an award from the programme, a draw from the member's oldest lot
     * for points spent or expired, and an activation (PENDING to ACTIVE) makes the oldest pending lot spendable.
     */
    void points(long customer, LocalDate day, String reason, String from, String to, long points) {
        String key = "B" + System.nanoTime();
        long transaction = jdbc.sql("""
                        insert into loyalty_transactions (customer_id, id, reason, idempotency_key, actor, at,
                                                          active_after, pending_after)
                        values (?, nextval('loyalty_transaction_ids'), ?, ?, 'test', ?, 0, 0) returning id""")
                .params(customer, reason, key, at(day))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into loyalty_entries (customer_id, transaction_id, account, points)
                        values (?, ?, ?, ?), (?, ?, ?, ?)""")
                .params(customer, transaction, from, -points, customer, transaction, to, points)
                .update();
        jdbc.sql(
                        "insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at) values (?, ?, ?, ?)")
                .params(key, customer, transaction, at(day))
                .update();
        long active = (to.equals("ACTIVE") ? points : 0) - (from.equals("ACTIVE") ? points : 0);
        long pending = (to.equals("PENDING") ? points : 0) - (from.equals("PENDING") ? points : 0);
        int updated = jdbc.sql("""
                        update loyalty_members set active = active + ?, pending = pending + ?, updated_at = now()
                        where customer_id = ?""").params(active, pending, customer).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into loyalty_members (customer_id, active, pending, created_at, updated_at)
                            values (?, ?, ?, now(), now())""").params(customer, active, pending).update();
        }
        if (from.equals("PROGRAMME")) {
            jdbc.sql("""
                            insert into loyalty_lots (customer_id, id, state, points, remaining, earned_on, available_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(customer, transaction, to, points, points, Date.valueOf(day), at(day))
                    .update();
        } else if (to.equals("ACTIVE")) {
            jdbc.sql("""
                            update loyalty_lots set state = 'ACTIVE'
                            where (customer_id, id) = (select customer_id, min(id) from loyalty_lots
                                                       where customer_id = ? and state = 'PENDING'
                                                       group by customer_id)""").param(customer).update();
        } else {
            long lot = jdbc.sql("""
                            select min(id) from loyalty_lots where customer_id = ? and state = ? and remaining >= ?""")
                    .params(customer, from, points)
                    .query(Long.class)
                    .single();
            jdbc.sql("update loyalty_lots set remaining = remaining - ? where customer_id = ? and id = ?")
                    .params(points, customer, lot)
                    .update();
            jdbc.sql("insert into loyalty_draws (customer_id, transaction_id, lot_id, points) values (?, ?, ?, ?)")
                    .params(customer, transaction, lot, points)
                    .update();
        }
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
