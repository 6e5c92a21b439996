package dev.retain.predict;

import static dev.retain.predict.Baskets.BAGS;
import static dev.retain.predict.Baskets.DIAPERS;
import static dev.retain.predict.Baskets.MILK;
import static dev.retain.predict.Baskets.PUMP;
import static dev.retain.predict.Baskets.WIPES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.retain.platform.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Rules mined from the hand-built {@link Baskets}: 10 buyers, support, confidence and lift counted by hand. */
@RecommendationsDatabaseTest
class ProductAssociationsTests {

    @Autowired
    ProductAssociations associations;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void baskets() {
        Baskets.written(jdbc);
    }

    @Test
    void supportConfidenceAndLiftAreCountedInCustomers() {
        AssociationRun run = associations.recompute(new AssociationThresholds(0.2, 0.5, 1.0, 2));

        // M has one buyer: below both minimums, so it is never paired.
        assertThat(run.customers()).isEqualTo(10);
        assertThat(run.products()).isEqualTo(4);
        // Kept: confidence ≥ 0.5 and lift ≥ 1. Left out: P→D, B→D (0.4), W→D (2/6), D→W, D→P, D→B (0.4).
        assertThat(rules())
                .extracting(ProductAssociation::antecedentSku, ProductAssociation::consequentSku)
                .containsExactly(
                        tuple(BAGS, PUMP),
                        tuple(PUMP, BAGS),
                        tuple(BAGS, WIPES),
                        tuple(PUMP, WIPES),
                        tuple(WIPES, BAGS),
                        tuple(WIPES, PUMP));
        // P→B: 4 of 10 bought both (support 0.4); 4 of P's 5 buyers bought B (confidence 0.8); B's own share is 5/10,
        // so lift 0.8 / 0.5 = 1.6; one buyer of P (customer 4) lacks B.
        ProductAssociation pumpToBags = rule(PUMP, BAGS);
        assertThat(pumpToBags.antecedentName()).isEqualTo("电动吸奶器");
        assertThat(pumpToBags.consequentName()).isEqualTo("储奶袋 (30片)");
        assertThat(pumpToBags.bothCustomers()).isEqualTo(4);
        assertThat(pumpToBags.antecedentCustomers()).isEqualTo(5);
        assertThat(pumpToBags.consequentCustomers()).isEqualTo(5);
        assertThat(pumpToBags.support()).isCloseTo(0.4, within(1e-12));
        assertThat(pumpToBags.confidence()).isCloseTo(0.8, within(1e-12));
        assertThat(pumpToBags.lift()).isCloseTo(1.6, within(1e-12));
        assertThat(pumpToBags.missingCustomers()).isEqualTo(1);
        // W→P: 3 of 10 (0.3); 3 of W's 6 buyers (0.5); P's share 0.5, so lift 1.0 — kept at the threshold exactly.
        ProductAssociation wipesToPump = rule(WIPES, PUMP);
        assertThat(wipesToPump.support()).isCloseTo(0.3, within(1e-12));
        assertThat(wipesToPump.confidence()).isCloseTo(0.5, within(1e-12));
        assertThat(wipesToPump.lift()).isCloseTo(1.0, within(1e-12));
        assertThat(wipesToPump.missingCustomers()).isEqualTo(3);
        // P→W: 3 of P's 5 buyers (0.6); W's share 0.6, so lift 1.0.
        assertThat(rule(PUMP, WIPES).confidence()).isCloseTo(0.6, within(1e-12));
        assertThat(rule(PUMP, WIPES).lift()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void eachThresholdFiltersRules() {
        associations.recompute(new AssociationThresholds(0.2, 0.5, 1.0, 2));
        assertThat(rules()).hasSize(6);

        // A lift above 1.1 leaves the pump and its bags, in both directions; the old rules are gone.
        associations.recompute(new AssociationThresholds(0.2, 0.5, 1.1, 2));
        assertThat(rules())
                .extracting(ProductAssociation::antecedentSku, ProductAssociation::consequentSku)
                .containsExactly(tuple(BAGS, PUMP), tuple(PUMP, BAGS));

        // Confidence 0.9 keeps only M→D (1 of 1, lift 1 / 0.5 = 2), once one buyer in 10 is enough.
        AssociationRun rare = associations.recompute(new AssociationThresholds(0.05, 0.9, 1.5, 1));
        assertThat(rare.products()).isEqualTo(5);
        assertThat(rules())
                .extracting(
                        ProductAssociation::antecedentSku,
                        ProductAssociation::consequentSku,
                        ProductAssociation::support,
                        ProductAssociation::lift)
                .containsExactly(tuple(MILK, DIAPERS, 0.1, 2.0));

        // Support 0.5 is more than any pair has (P and B: 0.4).
        AssociationRun none = associations.recompute(new AssociationThresholds(0.5, 0.1, 0, 1));
        assertThat(none.products()).isEqualTo(4);
        assertThat(none.rules()).isZero();
        assertThat(rules()).isEmpty();
        assertThat(associations.lastRun()).hasValueSatisfying(last -> {
            assertThat(last.rules()).isZero();
            assertThat(last.thresholds()).isEqualTo(new AssociationThresholds(0.5, 0.1, 0, 1));
        });
    }

    @Test
    void refundedAndCancelledOrdersCountForNothing() {
        associations.recompute(new AssociationThresholds(0.2, 0.5, 1.1, 2));

        // Counted, customer 9's cancelled P and B would make 5 of 6 P buyers take B; customer 11's refunded P would
        // add an eleventh buyer; customer 4's refunded B would close its gap.
        ProductAssociation pumpToBags = rule(PUMP, BAGS);
        assertThat(pumpToBags.antecedentCustomers()).isEqualTo(5);
        assertThat(pumpToBags.bothCustomers()).isEqualTo(4);
        assertThat(pumpToBags.support()).isCloseTo(0.4, within(1e-12));
        assertThat(associations.lastRun())
                .hasValueSatisfying(run -> assertThat(run.customers()).isEqualTo(10));
    }

    @Test
    void rulesAreListedStrongestFirstAndByProduct() {
        associations.recompute(new AssociationThresholds(0.2, 0.5, 1.0, 2));

        assertThat(associations.rules(PUMP, 10))
                .extracting(ProductAssociation::consequentSku)
                .containsExactly(BAGS, WIPES);
        assertThat(associations.rules(null, 1)).hasSize(1);
        assertThat(associations.rules(DIAPERS, 10)).isEmpty();
    }

    @Test
    void thresholdsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new AssociationThresholds(1.5, 0.5, 1, 2)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new AssociationThresholds(0.1, 0.5, 1, 0)).isInstanceOf(InvalidInputException.class);
    }

    private List<ProductAssociation> rules() {
        return associations.rules(null, 100);
    }

    private ProductAssociation rule(String antecedent, String consequent) {
        return rules().stream()
                .filter(rule -> rule.antecedentSku().equals(antecedent)
                        && rule.consequentSku().equals(consequent))
                .findFirst()
                .orElseThrow();
    }
}
