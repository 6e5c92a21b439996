package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class PurchaseHistoriesTests {

    @Autowired
    PurchaseHistories histories;

    @Autowired
    JdbcClient jdbc;

    @Test
    void sameDayPurchasesCountOnceAndTheFirstIsNoRepeat() {
        LocalDate end = LocalDate.of(2026, 6, 30);
        var buyers = new Buyers(jdbc);
        long customer = buyers.aCustomer("History");
        // 1 March (first), 15 March twice (one repeat day worth 30 + 50), 29 March (repeat, 40), a refund on 10 June
        // and an order after the calibration end.
        buyers.order(customer, LocalDate.of(2026, 3, 1), "100", "PAID");
        buyers.order(customer, LocalDate.of(2026, 3, 15), "30", "PAID");
        buyers.order(customer, LocalDate.of(2026, 3, 15), "50", "PAID");
        buyers.order(customer, LocalDate.of(2026, 3, 29), "40", "PAID");
        buyers.order(customer, LocalDate.of(2026, 6, 10), "999", "REFUNDED");
        buyers.order(customer, LocalDate.of(2026, 7, 2), "70", "PAID");

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
}
