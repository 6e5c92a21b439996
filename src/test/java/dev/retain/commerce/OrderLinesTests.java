package dev.retain.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Order lines carry their order's time, status and coupon and their amount in the base currency, whichever way the
 * lines or the order are written.
 */
@IntegrationTest
class OrderLinesTests {

    private static final Instant ORDERED_AT = Instant.parse("2026-03-05T04:00:00Z");

    @Autowired
    private JdbcClient jdbc;

    private long customerId;
    private long orderId;

    /** A USD order of 100.00 worth 723.45 in the base currency, with a line of 2 × 25.00 written without its order. */
    @BeforeEach
    void aForeignCurrencyOrderWithALine() {
        customerId = jdbc.sql("""
                        insert into customers (kind, name, custom_fields, created_at, updated_at)
                        values ('PERSON', 'Line test', '{}', now(), now()) returning id""").query(Long.class).single();
        orderId = jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, coupon_code, created_at)
                        values (?, 'line-test', ?, ?, 'PAID', 'USD', 100.00, 723.45, 'SPRING', now()) returning id""")
                .params(customerId, "L" + System.nanoTime(), Timestamp.from(ORDERED_AT))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into order_lines (order_id, line_no, customer_id, sku, product_name, category, quantity,
                                                 unit_price)
                        values (?, 1, ?, 'MUG', 'Mug', 'Kitchen', 2, 25.00)""").params(orderId, customerId).update();
    }

    @Test
    void aLineWrittenWithoutItsOrdersFactsTakesThemFromTheOrder() {
        Map<String, Object> line = line();

        assertThat(((Timestamp) line.get("ordered_at")).toInstant()).isEqualTo(ORDERED_AT);
        assertThat(line.get("status")).isEqualTo("PAID");
        assertThat(line.get("coupon_code")).isEqualTo("SPRING");
        // 2 × 25.00 × 723.45 / 100.00 = 361.725, rounded half away from zero
        assertThat((BigDecimal) line.get("line_amount")).isEqualByComparingTo("361.73");
        assertThat(paidLines()).isEqualTo(1);
    }

    @Test
    void aChangedOrderChangesItsLines() {
        jdbc.sql("""
                        update orders set status = 'REFUNDED', coupon_code = null, ordered_at = ordered_at + interval '1 day',
                                          base_amount = 710.00
                        where id = ?""").param(orderId).update();

        Map<String, Object> line = line();
        assertThat(((Timestamp) line.get("ordered_at")).toInstant()).isEqualTo(ORDERED_AT.plusSeconds(86_400));
        assertThat(line.get("status")).isEqualTo("REFUNDED");
        assertThat(line.get("coupon_code")).isNull();
        assertThat((BigDecimal) line.get("line_amount")).isEqualByComparingTo("355.00");
        assertThat(paidLines())
                .as("a refunded order's lines are not paid lines")
                .isZero();
    }

    @Test
    void aChangedQuantityRecomputesTheLineAmount() {
        jdbc.sql("update order_lines set quantity = 3 where order_id = ?")
                .param(orderId)
                .update();

        // 3 × 25.00 × 7.2345 = 542.5875
        assertThat((BigDecimal) line().get("line_amount")).isEqualByComparingTo("542.59");
    }

    private Map<String, Object> line() {
        return jdbc.sql("select ordered_at, status, coupon_code, line_amount from order_lines where order_id = ?")
                .param(orderId)
                .query()
                .singleRow();
    }

    private long paidLines() {
        return jdbc.sql("select count(*) from paid_order_lines_view where order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }
}
