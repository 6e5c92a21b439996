package dev.retain.predict;

import static dev.retain.predict.Baskets.BAGS;
import static dev.retain.predict.Baskets.PUMP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.segments.ConditionFields;
import dev.retain.segments.Conditions;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * The gap on the hand-built {@link Baskets} with the rules P→B and B→P (lift above 1.1): customer 4 bought the pump
 * but no bags (only in a refunded order), customer 5 bags but no pump.
 */
@RecommendationsDatabaseTest
class MissingCompanionTests {

    @Autowired
    ProductAssociations associations;

    @Autowired
    CompanionGaps gaps;

    @Autowired
    Conditions conditions;

    @Autowired
    ConditionFields fields;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    Baskets baskets;

    @BeforeEach
    void baskets() {
        baskets = Baskets.written(jdbc);
        associations.recompute(new AssociationThresholds(0.2, 0.5, 1.1, 2));
    }

    @Test
    void theFieldIsOfferedInTheSegmentBuilder() {
        assertThat(fields.find("predict.missing_companion")).isPresent();
    }

    @Test
    void customersWhoBoughtTheProductButNeverItsCompanion() {
        assertThat(matching("""
                        {"field": "predict.missing_companion", "params": {"sku": "MB-PUMP"}, "op": "is_true"}""")).containsExactly(baskets.customer(4));
        assertThat(matching("""
                        {"field": "predict.missing_companion", "params": {"sku": "MB-BAGS", "companion": "MB-PUMP"},
                         "op": "is_true"}""")).containsExactly(baskets.customer(5));
        assertThat(matching("""
                        {"field": "predict.missing_companion", "params": {"sku": "MB-PUMP", "companion": "MB-WIPES"},
                         "op": "is_true"}""")).isEmpty();
    }

    @Test
    void withoutAProductAnyRuleCounts() {
        assertThat(matching("""
                        {"field": "predict.missing_companion", "op": "is_true"}""")).containsExactly(baskets.customer(4), baskets.customer(5));
        assertThat(matching("""
                        {"field": "predict.missing_companion", "op": "is_false"}""")).hasSize(10).doesNotContain(baskets.customer(4), baskets.customer(5));

        var preview = conditions.preview(conditions.parse(json.readTree("""
                        {"field": "predict.missing_companion", "op": "is_true"}""")), 10);
        assertThat(preview.count()).isEqualTo(2);
        assertThat(preview.sample()).extracting(Conditions.Preview.Member::name).containsExactly("买家4", "买家5");
    }

    @Test
    void theGapListIsPagedByCustomer() {
        var pumpWithoutBags = gaps.customersMissing(PUMP, null, 0, 50);
        assertThat(pumpWithoutBags.total()).isEqualTo(1);
        assertThat(pumpWithoutBags.items()).singleElement().satisfies(gap -> {
            assertThat(gap.customerId()).isEqualTo(baskets.customer(4));
            assertThat(gap.name()).isEqualTo("买家4");
            assertThat(gap.missingSkus()).containsExactly(BAGS);
        });

        var first = gaps.customersMissing(null, null, 0, 1);
        var second = gaps.customersMissing(null, null, 1, 1);
        var beyond = gaps.customersMissing(null, null, 5, 1);
        assertThat(first.total()).isEqualTo(2);
        assertThat(first.items())
                .extracting(CompanionGaps.CustomerGap::customerId)
                .containsExactly(baskets.customer(4));
        assertThat(second.items())
                .extracting(CompanionGaps.CustomerGap::missingSkus)
                .containsExactly(List.of(PUMP));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(2);
    }

    @Test
    void buyingTheCompanionClosesTheGap() {
        jdbc.sql("""
                        insert into orders (customer_id, source, external_id, ordered_at, status, currency, amount,
                                            base_amount, created_at)
                        values (?, 'test', 'closing-gap', now(), 'PAID', 'CNY', 40, 40, now())""").param(baskets.customer(4)).update();
        jdbc.sql("""
                        insert into order_lines (order_id, line_no, customer_id, sku, product_name, category, quantity,
                                                 unit_price)
                        select id, 1, customer_id, 'MB-BAGS', '储奶袋 (30片)', '母婴', 1, 40 from orders
                        where external_id = 'closing-gap'""").update();

        assertThat(matching("""
                        {"field": "predict.missing_companion", "params": {"sku": "MB-PUMP"}, "op": "is_true"}""")).isEmpty();
    }

    private List<Long> matching(String condition) {
        List<Long> everyone =
                IntStream.rangeClosed(1, 12).mapToObj(baskets::customer).toList();
        return conditions.matchingAmong(conditions.parse(json.readTree(condition)), everyone).stream()
                .sorted()
                .toList();
    }
}
