package dev.retain.service.sla;

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
 * {@code service.breaches}: how many SLA targets of the customer's tickets were breached, within {@code within_days}
 * days (by the breach's time) when given; 0 for customers without. Breaches come with time, so the nightly recompute
 * brings segments up to date.
 */
@Configuration(proxyBeanMethods = false)
class SlaFields {

    private static final FieldParameter WITHIN_DAYS = FieldParameter.days("within_days", false);

    @Bean
    ConditionField serviceBreachesField() {
        return SimpleConditionField.of(
                "service.breaches", ValueType.NUMBER, Set.of(DataChange.TIME), List.of(WITHIN_DAYS), (p, q) -> {
                    Integer days = p.get(WITHIN_DAYS.name()) instanceof Number n ? n.intValue() : null;
                    String since = days == null
                            ? ""
                            : " and breached_at >= " + q.bind(q.now().minusSeconds(86_400L * days));
                    return "coalesce("
                            + q.perCustomer("select customer_id, count(*) as value from ticket_sla_timers"
                                    + " where " + q.scope("customer_id") + " and breached_at is not null" + since
                                    + " group by customer_id")
                            + ", 0)";
                });
    }
}
