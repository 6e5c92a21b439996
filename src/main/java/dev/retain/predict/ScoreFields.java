package dev.retain.predict;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lifetime-value scores as condition fields for tags and segments: {@code predict.p_alive} and the like. */
@Configuration(proxyBeanMethods = false)
class ScoreFields {

    @Bean
    ConditionField probabilityAliveField() {
        return score("predict.p_alive", "p_alive");
    }

    @Bean
    ConditionField expectedPurchasesField() {
        return score("predict.expected_purchases", "expected_purchases");
    }

    @Bean
    ConditionField predictedClvField() {
        return score("predict.clv", "predicted_clv");
    }

    private static ConditionField score(String name, String column) {
        return SimpleConditionField.of(
                name,
                ValueType.NUMBER,
                Set.of(DataChange.SCORES),
                List.of(),
                (p, q) -> q.perCustomer(
                        "select customer_id, " + column + " as value from clv_scores where " + q.scope("customer_id")));
    }
}
