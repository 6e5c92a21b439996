package dev.retain.predict;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The prediction scores as condition fields for tags and segments: {@code predict.p_alive}, {@code predict.clv},
 * {@code predict.churn_risk} and the like.
 */
@Configuration(proxyBeanMethods = false)
class ScoreFields {

    @Bean
    ConditionField probabilityAliveField() {
        return score("predict.p_alive", "clv_scores", "p_alive");
    }

    @Bean
    ConditionField expectedPurchasesField() {
        return score("predict.expected_purchases", "clv_scores", "expected_purchases");
    }

    @Bean
    ConditionField predictedClvField() {
        return score("predict.clv", "clv_scores", "predicted_clv");
    }

    /** The probability (0–1) of churning, for repeat buyers who ordered within the lookback. */
    @Bean
    ConditionField churnRiskField() {
        return score("predict.churn_risk", "churn_scores", "probability");
    }

    @Bean
    ConditionField churnBandField() {
        return SimpleConditionField.choice(
                "predict.churn_band",
                List.of("HIGH", "MEDIUM", "LOW"),
                Set.of(DataChange.SCORES),
                q -> q.perCustomer(
                        "select customer_id, band as value from churn_scores where " + q.scope("customer_id")));
    }

    private static ConditionField score(String name, String table, String column) {
        return SimpleConditionField.of(
                name,
                ValueType.NUMBER,
                Set.of(DataChange.SCORES),
                List.of(),
                (p, q) -> q.perCustomer("select customer_id, " + column + " as value from " + table + " where "
                        + q.scope("customer_id")));
    }
}
