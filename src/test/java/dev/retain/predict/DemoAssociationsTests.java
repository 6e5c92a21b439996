package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.demo.DemoDataset;
import dev.retain.segments.Conditions;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * The demo company, mined with thresholds like the defaults: the products it was generated to sell together come out
 * as strong rules, and the gap list, the condition field and the rule's own count agree on who lacks the companion.
 */
@RecommendationsDatabaseTest
class DemoAssociationsTests {

    private static final String ELECTRIC_PUMP = "MB-1001";
    private static final String STORAGE_BAGS = "MB-1003";

    @Autowired
    DemoDataset dataset;

    @Autowired
    ProductAssociations associations;

    @Autowired
    CompanionGaps gaps;

    @Autowired
    Conditions conditions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Test
    void theBreastPumpFindsItsStorageBags() {
        jdbc.sql("""
                        truncate customers, contacts, customer_identities, orders, order_lines, products, events,
                                 product_associations cascade""").update();
        dataset.load(11, 2000, LocalDate.of(2026, 11, 1), ZoneId.of("Asia/Shanghai"));

        associations.recompute(new AssociationThresholds(0.001, 0.2, 1.5, 20));

        assertThat(associations.rules(ELECTRIC_PUMP, 100))
                .filteredOn(rule -> rule.consequentSku().equals(STORAGE_BAGS))
                .singleElement()
                .satisfies(rule -> {
                    assertThat(rule.confidence()).isGreaterThan(0.7);
                    assertThat(rule.lift()).isGreaterThan(2);
                    assertThat(gaps.customersMissing(ELECTRIC_PUMP, STORAGE_BAGS, 0, 10)
                                    .total())
                            .isEqualTo(rule.missingCustomers())
                            .isPositive();
                    assertThat(conditions
                                    .preview(conditions.parse(json.readTree("""
                                                    {"field": "predict.missing_companion", "op": "is_true",
                                                     "params": {"sku": "MB-1001", "companion": "MB-1003"}}""")), 1)
                                    .count())
                            .isEqualTo(rule.missingCustomers());
                });
        for (String[] pair : new String[][] {{"BG-1007", "BG-1001"}, {"GY-1003", "GY-1004"}, {"MB-1007", "MB-1011"}}) {
            assertThat(associations.rules(pair[0], 100))
                    .anySatisfy(rule -> assertThat(rule.consequentSku()).isEqualTo(pair[1]));
        }
    }
}
