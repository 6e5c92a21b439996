package dev.retain.sales;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Follow-ups as condition fields: {@code sales.days_since_follow_up} (null for customers never followed up) and
 * {@code sales.days_until_next_follow_up} (negative when overdue). They change with time and with each follow-up;
 * the nightly recompute brings them up to date.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpFields {

    private static final String SUMMARIES = "follow_up_summaries_view";

    @Bean
    ConditionField daysSinceFollowUpField() {
        return SimpleConditionField.of(
                "sales.days_since_follow_up",
                ValueType.NUMBER,
                Set.of(DataChange.TIME),
                List.of(),
                (p, q) -> "(" + q.bind(q.today()) + " - "
                        + q.localDate(q.perCustomer(
                                "select customer_id, last_follow_up_at, next_follow_up_at from " + SUMMARIES + " where "
                                        + q.scope("customer_id"),
                                "last_follow_up_at"))
                        + ")");
    }

    @Bean
    ConditionField daysUntilNextFollowUpField() {
        return SimpleConditionField.of(
                "sales.days_until_next_follow_up",
                ValueType.NUMBER,
                Set.of(DataChange.TIME),
                List.of(),
                (p, q) -> "("
                        + q.localDate(q.perCustomer(
                                "select customer_id, last_follow_up_at, next_follow_up_at from " + SUMMARIES + " where "
                                        + q.scope("customer_id"),
                                "next_follow_up_at"))
                        + " - " + q.bind(q.today()) + ")");
    }
}
