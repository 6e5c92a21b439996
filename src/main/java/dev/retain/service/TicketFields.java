package dev.retain.service;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldParameter;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tickets as condition fields: {@code tickets.count} (tickets opened, within {@code within_days} when given — the
 * {@code frequent_service} template counts 3 in 90 days), {@code service.open_tickets} (neither solved nor closed) and
 * {@code service.reopen_count} (times the customer reopened a solved ticket). Merged duplicates do not count; 0 for
 * customers without tickets. Tickets change them through the events they record; time through the nightly recompute.
 */
@Configuration(proxyBeanMethods = false)
class TicketFields {

    private static final FieldParameter WITHIN_DAYS = FieldParameter.days("within_days", false);

    @Bean
    ConditionField ticketCountField() {
        return SimpleConditionField.of(
                "tickets.count",
                ValueType.NUMBER,
                Set.of(DataChange.EVENTS, DataChange.TIME),
                List.of(WITHIN_DAYS),
                (p, q) -> {
                    Integer days = withinDays(p);
                    String since = days == null
                            ? ""
                            : " and created_at >= " + q.bind(q.now().minusSeconds(86_400L * days));
                    return "coalesce("
                            + q.perCustomer("select customer_id, count(*) as value from service_tickets_view"
                                    + " where " + q.scope("customer_id") + since + " group by customer_id")
                            + ", 0)";
                });
    }

    @Bean
    ConditionField openTicketsField() {
        return SimpleConditionField.of(
                "service.open_tickets",
                ValueType.NUMBER,
                Set.of(DataChange.EVENTS),
                List.of(),
                (p, q) -> "coalesce(" + q.perCustomer(summary(q), "open_tickets") + ", 0)");
    }

    @Bean
    ConditionField reopenCountField() {
        return SimpleConditionField.of(
                "service.reopen_count",
                ValueType.NUMBER,
                Set.of(DataChange.EVENTS),
                List.of(),
                (p, q) -> "coalesce(" + q.perCustomer(summary(q), "reopens") + ", 0)");
    }

    private static String summary(dev.retain.segments.FieldQuery q) {
        return "select customer_id, count(*) filter (where status in " + TicketStatus.OPEN_SQL + ") as open_tickets,"
                + " sum(reopen_count) as reopens from service_tickets_view where " + q.scope("customer_id")
                + " group by customer_id";
    }

    private static Integer withinDays(Map<String, Object> parameters) {
        return parameters.get(WITHIN_DAYS.name()) instanceof Number days ? days.intValue() : null;
    }
}
