package dev.retain.service.dispatch;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketPriority;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ticket being dispatched as condition fields, for dispatch rules: {@code ticket.channel}, {@code
 * ticket.priority} and {@code ticket.category_id}. The dispatcher names the ticket in a setting of its transaction;
 * anywhere else (a segment) they are empty.
 */
@Configuration(proxyBeanMethods = false)
class DispatchTicketFields {

    private static final String TICKET = "nullif(current_setting('retain.dispatch_ticket', true), '')::bigint";

    @Bean
    ConditionField dispatchTicketChannelField() {
        return SimpleConditionField.choice(
                "ticket.channel", names(TicketChannel.values()), Set.of(DataChange.EVENTS), q -> column(q, "channel"));
    }

    @Bean
    ConditionField dispatchTicketPriorityField() {
        return SimpleConditionField.choice(
                "ticket.priority",
                names(TicketPriority.values()),
                Set.of(DataChange.EVENTS),
                q -> column(q, "priority"));
    }

    @Bean
    ConditionField dispatchTicketCategoryField() {
        return SimpleConditionField.of(
                "ticket.category_id",
                ValueType.NUMBER,
                Set.of(DataChange.EVENTS),
                List.of(),
                (p, q) -> column(q, "category_id"));
    }

    private static String column(FieldQuery q, String column) {
        return q.perCustomer(
                "select customer_id, " + column + " as value from tickets where id = " + TICKET + " and "
                        + q.scope("customer_id"),
                "value");
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
