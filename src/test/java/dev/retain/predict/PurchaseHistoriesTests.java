package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class PurchaseHistoriesTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    PurchaseHistories histories;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sameDayPurchasesCountOnceAndTheFirstIsNoRepeat() {
        LocalDate end = LocalDate.of(2026, 6, 30);
        long customer = jdbc.sql("""
                        insert into customers (kind, name, custom_fields, created_at, updated_at)
                        values ('PERSON', 'History', '{}', now(), now()) returning id""").query(Long.class).single();
        // 1 March (first), 15 March twice (one repeat day worth 30 + 50), 29 March (repeat, 40), a refund on 10 June
        // and an order after the calibration end.
        order(customer, LocalDate.of(2026, 3, 1), "100", "PAID");
        order(customer, LocalDate.of(2026, 3, 15), "30", "PAID");
        order(customer, LocalDate.of(2026, 3, 15), "50", "PAID");
        order(customer, LocalDate.of(2026, 3, 29), "40", "PAID");
        order(customer, LocalDate.of(2026, 6, 10), "999", "REFUNDED");
        order(customer, LocalDate.of(2026, 7, 2), "70", "PAID");

        var found = histories.asOf(end, TimeUnitOfFit.WEEKS).stream()
                .filter(h -> h.customerId() == customer)
                .findFirst()
                .orElseThrow();

        assertThat(found.history().frequency()).isEqualTo(2);
        assertThat(found.history().recency()).isEqualTo(4.0); // 28 days
        assertThat(found.history().age()).isEqualTo(121 / 7.0); // 1 March to 30 June
        assertThat(found.spend().orders()).isEqualTo(2);
        assertThat(found.spend().averageValue()).isEqualTo(60.0); // (80 + 40) / 2
    }

    private void order(long customer, LocalDate day, String amount, String status) {
        jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, created_at)
                        values (?, 'test', ?, ?, ?, 'CNY', ?, ?, now())""")
                .params(
                        customer,
                        "H" + System.nanoTime(),
                        Timestamp.from(day.atTime(10, 0).atZone(SHANGHAI).toInstant()),
                        status,
                        new BigDecimal(amount),
                        new BigDecimal(amount))
                .update();
    }
}
