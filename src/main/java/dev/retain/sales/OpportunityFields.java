package dev.retain.sales;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opportunities as condition fields: {@code sales.open_opportunities} (how many are open, 0 for none),
 * {@code sales.opportunity_stage} (the stage of the customer's most advanced open one; empty without) and
 * {@code sales.days_since_won} (empty for customers never won). They change with each opportunity and with time; the
 * nightly recompute brings segments up to date, and a win or a loss starts event-triggered journeys at once.
 */
@Configuration(proxyBeanMethods = false)
class OpportunityFields {

    private static final Set<DataChange> CHANGED_BY = Set.of(DataChange.TIME, DataChange.EVENTS);

    @Bean
    ConditionField openOpportunitiesField() {
        return SimpleConditionField.of(
                "sales.open_opportunities",
                ValueType.NUMBER,
                CHANGED_BY,
                List.of(),
                (p, q) -> "coalesce(" + summary(q, "open_count") + ", 0)");
    }

    @Bean
    ConditionField daysSinceWonField() {
        return SimpleConditionField.of(
                "sales.days_since_won",
                ValueType.NUMBER,
                CHANGED_BY,
                List.of(),
                (p, q) -> "(" + q.bind(q.today()) + " - " + q.localDate(summary(q, "last_won_at")) + ")");
    }

    @Bean
    ConditionField opportunityStageField(OpportunityStages stages) {
        return new StageField(stages);
    }

    /** One join of the published summary, however many criteria read it. */
    private static String summary(FieldQuery q, String column) {
        return q.perCustomer(
                "select customer_id, open_count, last_won_at from opportunity_summaries_view where "
                        + q.scope("customer_id"),
                column);
    }

    /** A closed set whose choices are the stages as an admin has named them now. */
    record StageField(OpportunityStages stages) implements ConditionField {

        @Override
        public String name() {
            return "sales.opportunity_stage";
        }

        @Override
        public ValueType type() {
            return ValueType.ENUM;
        }

        @Override
        public List<String> options() {
            return stages.list().stream().map(OpportunityStage::name).toList();
        }

        @Override
        public Set<DataChange> changedBy() {
            return CHANGED_BY;
        }

        @Override
        public String valueSql(Map<String, Object> parameters, FieldQuery q) {
            return q.perCustomer(
                    """
                    select distinct on (o.customer_id) o.customer_id, s.name as value
                    from opportunities o join opportunity_stages s on s.id = o.stage_id
                    where o.status = 'OPEN' and\s""" + q.scope("o.customer_id") + " order by o.customer_id, s.position desc, s.id desc");
        }
    }
}
