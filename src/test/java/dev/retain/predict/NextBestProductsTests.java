package dev.retain.predict;

import static dev.retain.predict.Baskets.BAGS;
import static dev.retain.predict.Baskets.PUMP;
import static dev.retain.predict.Baskets.WIPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Next-best products on the hand-built {@link Baskets} with the six rules of lift ≥ 1 among P, B and W: P→B, B→P
 * (confidence 0.8), P→W, B→W (0.6), W→P, W→B (0.5).
 */
@RecommendationsDatabaseTest
class NextBestProductsTests {

    @Autowired
    ProductAssociations associations;

    @Autowired
    NextBestProducts nextBest;

    @Autowired
    JdbcClient jdbc;

    Baskets baskets;

    @BeforeEach
    void baskets() {
        baskets = Baskets.written(jdbc);
        associations.recompute(new AssociationThresholds(0.2, 0.5, 1.0, 2));
    }

    @Test
    void theStrongestRuleFromWhatTheCustomerBoughtDecides() {
        // Customer 4 bought P and W: B follows from P with 0.8, from W with 0.5.
        assertThat(nextBest.forCustomer(baskets.customer(4), 5))
                .containsExactly(new Recommendation(BAGS, "储奶袋 (30片)", 0.8, 1.6, PUMP, "电动吸奶器"));
    }

    @Test
    void tiesGoByLiftThenSku() {
        // Customer 9 bought W: B and P both at 0.5 and lift 1.
        assertThat(nextBest.forCustomer(baskets.customer(9), 5))
                .extracting(Recommendation::sku, Recommendation::confidence, Recommendation::becauseSku)
                .containsExactly(tuple(BAGS, 0.5, WIPES), tuple(PUMP, 0.5, WIPES));
        assertThat(nextBest.forCustomer(baskets.customer(9), 1))
                .extracting(Recommendation::sku)
                .containsExactly(BAGS);
        // Customer 2 bought P and B: W from either at 0.6; the reason named is the first SKU.
        assertThat(nextBest.forCustomer(baskets.customer(2), 5))
                .extracting(Recommendation::sku, Recommendation::becauseSku)
                .containsExactly(tuple(WIPES, BAGS));
    }

    @Test
    void nothingIsOfferedThatWasBoughtOrThatNoRuleSupports() {
        assertThat(nextBest.forCustomer(baskets.customer(1), 5)).isEmpty();
        assertThat(nextBest.forCustomer(baskets.customer(7), 5)).isEmpty();
        assertThat(nextBest.forCustomer(baskets.customer(12), 5)).isEmpty();
        // Customer 11's pump was refunded: no reason to offer bags.
        assertThat(nextBest.forCustomer(baskets.customer(11), 5)).isEmpty();
    }

    @Test
    void aBatchOfCustomersInOneQuery() {
        var batch = nextBest.forCustomers(
                List.of(baskets.customer(4), baskets.customer(9), baskets.customer(7), baskets.customer(6)), 5);

        assertThat(batch).containsOnlyKeys(baskets.customer(4), baskets.customer(9), baskets.customer(6));
        assertThat(batch.get(baskets.customer(4))).isEqualTo(nextBest.forCustomer(baskets.customer(4), 5));
        assertThat(batch.get(baskets.customer(6)))
                .extracting(Recommendation::sku)
                .containsExactly(BAGS, PUMP);
    }
}
