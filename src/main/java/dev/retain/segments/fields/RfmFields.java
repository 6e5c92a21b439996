package dev.retain.segments.fields;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.RfmSegment;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueCell;
import dev.retain.segments.ValueType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Conditions on the customer's RFM scores as of the last run (empty for customers without paid orders). */
@Configuration(proxyBeanMethods = false)
class RfmFields {

    @Bean
    ConditionField rfmSegment() {
        return SimpleConditionField.choice(
                "rfm.segment",
                Arrays.stream(RfmSegment.values()).map(Enum::name).toList(),
                Set.of(DataChange.SCORES),
                q -> column(q, "segment"));
    }

    @Bean
    ConditionField rfmValueCell() {
        return SimpleConditionField.choice(
                "rfm.value_cell",
                Arrays.stream(ValueCell.values()).map(Enum::name).toList(),
                Set.of(DataChange.SCORES),
                q -> column(q, "value_cell"));
    }

    @Bean
    ConditionField rfmR() {
        return number("r");
    }

    @Bean
    ConditionField rfmF() {
        return number("f");
    }

    @Bean
    ConditionField rfmM() {
        return number("m");
    }

    private static ConditionField number(String column) {
        return SimpleConditionField.of(
                "rfm." + column, ValueType.NUMBER, Set.of(DataChange.SCORES), List.of(), (p, q) -> column(q, column));
    }

    /** All RFM criteria of a statement share one join of the scores. */
    private static String column(FieldQuery q, String column) {
        return q.perCustomer(
                "select customer_id, r, f, m, segment, value_cell from rfm_scores where " + q.scope("customer_id"),
                column);
    }
}
