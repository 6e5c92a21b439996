package dev.retain.predict;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldParameter;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code predict.missing_companion}: the customer bought a product but never its usual companion — of the product
 * in {@code sku} (its SKU), or of any product with a rule, and the companion in {@code companion} when given:
 * {@code {"field": "predict.missing_companion", "params": {"sku": "MB-1001"}, "op": "is_true"}}.
 */
@Configuration(proxyBeanMethods = false)
class CompanionGapField {

    @Bean
    ConditionField missingCompanionField() {
        return SimpleConditionField.of(
                "predict.missing_companion",
                ValueType.BOOLEAN,
                Set.of(DataChange.ORDERS, DataChange.SCORES),
                List.of(FieldParameter.text("sku", false), FieldParameter.text("companion", false)),
                (p, q) -> "coalesce("
                        + q.perCustomer("select customer_id, true as value from ("
                                + MissingCompanions.sql(
                                        p.containsKey("sku") ? q.bind(p.get("sku")) : null,
                                        p.containsKey("companion") ? q.bind(p.get("companion")) : null,
                                        q.scope("customer_id"))
                                + ") gaps")
                        + ", false)");
    }
}
