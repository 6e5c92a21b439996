package dev.retain.predict;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The hand-built basket set, in an emptied database. What each customer bought in paid orders (P pump, B storage
 * bags, W wipes, D diapers, M milk):
 *
 * <pre>
 *  1: P B | W P (P twice, counts once)   6: W D
 *  2: P | B (two orders)                  7: D
 *  3: P B D                               8: P B W D
 *  4: P W, and B in a refunded order      9: W, and P B in a cancelled order
 *  5: B W                                10: M D
 * </pre>
 *
 * Customer 11 bought only P, refunded; customer 12 never ordered. So 10 buyers; buyers of P 5, B 5, W 6, D 5, M 1;
 * of both P and B 4 (1 2 3 8), P and W 3 (1 4 8), B and W 3 (1 5 8), P and D 2, B and D 2, W and D 2, M and D 1.
 */
final class Baskets {

    static final String PUMP = "MB-PUMP";
    static final String BAGS = "MB-BAGS";
    static final String WIPES = "MB-WIPES";
    static final String DIAPERS = "MB-DIAPERS";
    static final String MILK = "SP-MILK";

    private static final Map<String, String> NAMES = Map.of(
            PUMP, "电动吸奶器",
            BAGS, "储奶袋 (30片)",
            WIPES, "婴儿湿巾",
            DIAPERS, "纸尿裤 L码",
            MILK, "有机纯牛奶");
    private static final AtomicLong ORDER_NUMBERS = new AtomicLong(System.nanoTime());

    private final JdbcClient jdbc;
    private final long[] customers = new long[13];

    private Baskets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empties the database and writes the basket set. */
    static Baskets written(JdbcClient jdbc) {
        jdbc.sql("""
                        truncate customers, customer_identities, orders, order_lines, product_associations,
                                 product_association_runs
                        cascade""").update();
        var baskets = new Baskets(jdbc);
        for (int n = 1; n <= 12; n++) {
            baskets.customers[n] = new Buyers(jdbc).aCustomer("买家" + n);
        }
        baskets.order(1, "PAID", PUMP, BAGS);
        baskets.order(1, "PAID", WIPES, PUMP);
        baskets.order(2, "PAID", PUMP);
        baskets.order(2, "PAID", BAGS);
        baskets.order(3, "PAID", PUMP, BAGS, DIAPERS);
        baskets.order(4, "PAID", PUMP, WIPES);
        baskets.order(4, "REFUNDED", BAGS);
        baskets.order(5, "PAID", BAGS, WIPES);
        baskets.order(6, "PAID", WIPES, DIAPERS);
        baskets.order(7, "PAID", DIAPERS);
        baskets.order(8, "PAID", PUMP, BAGS, WIPES, DIAPERS);
        baskets.order(9, "PAID", WIPES);
        baskets.order(9, "CANCELLED", PUMP, BAGS);
        baskets.order(10, "PAID", MILK, DIAPERS);
        baskets.order(11, "REFUNDED", PUMP);
        return baskets;
    }

    /** The id of customer {@code n} (1–12) of the table above. */
    long customer(int n) {
        return customers[n];
    }

    static String nameOf(String sku) {
        return NAMES.get(sku);
    }

    private void order(int customer, String status, String... skus) {
        long id = jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, created_at)
                        values (?, 'test', ?, ?, ?, 'CNY', ?, ?, now()) returning id""")
                .params(
                        customers[customer],
                        "R" + ORDER_NUMBERS.incrementAndGet(),
                        Timestamp.from(Instant.now().minus(30, ChronoUnit.DAYS)),
                        status,
                        new BigDecimal(100 * skus.length),
                        new BigDecimal(100 * skus.length))
                .query(Long.class)
                .single();
        for (int line = 0; line < skus.length; line++) {
            jdbc.sql("""
                            insert into order_lines (order_id, line_no, customer_id, sku, product_name, category,
                                                     quantity, unit_price)
                            values (?, ?, ?, ?, ?, '母婴', 1, 100)""")
                    .params(id, line + 1, customers[customer], skus[line], NAMES.get(skus[line]))
                    .update();
        }
    }
}
