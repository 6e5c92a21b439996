package dev.retain.sales;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Follow-ups as condition fields: {@code sales.days_since_follow_up} (null for customers never followed up) and
 * {@code sales.days_until_next_follow_up} (negative when overdue). They change with time and with each follow-up;
 * the nightly recompute brings them up to date.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpFields {

    @Bean
    ConditionField daysSinceFollowUpField() {
        return daysField(
                "sales.days_since_follow_up",
                (q, summary) ->
                        "(" + q.bind(q.today()) + " - " + q.localDate(summary.apply("last_follow_up_at")) + ")");
    }

    @Bean
    ConditionField daysUntilNextFollowUpField() {
        return daysField(
                "sales.days_until_next_follow_up",
                (q, summary) ->
                        "(" + q.localDate(summary.apply("next_follow_up_at")) + " - " + q.bind(q.today()) + ")");
    }

    /**
     * A number of days computed from the customer's follow-up summary, whose columns {@code sql} reads through the
     * function given (one join of the summary however many criteria read it).
     */
    private static ConditionField daysField(String name, BiFunction<FieldQuery, Function<String, String>, String> sql) {
        return SimpleConditionField.of(
                name,
                ValueType.NUMBER,
                Set.of(DataChange.TIME),
                List.of(),
                (p, q) -> sql.apply(
                        q,
                        column -> q.perCustomer(
                                "select customer_id, last_follow_up_at, next_follow_up_at from follow_up_summaries_view where "
                                        + q.scope("customer_id"),
                                column)));
    }
}
