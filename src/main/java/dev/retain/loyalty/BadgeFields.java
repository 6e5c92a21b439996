package dev.retain.loyalty;

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
 * Badges as condition fields: {@code loyalty.badge} (has the badge named in {@code name}, like a tag:
 * {@code {"field": "loyalty.badge", "params": {"name": "咖啡达人"}, "op": "is_true"}}) and {@code loyalty.badge_count}
 * (how many badges, 0 for none). Badges are awarded when orders or events change and by the nightly run.
 */
@Configuration(proxyBeanMethods = false)
class BadgeFields {

    @Bean
    ConditionField badgeField(BadgeNames names) {
        return SimpleConditionField.of(
                        "loyalty.badge",
                        ValueType.BOOLEAN,
                        Set.of(DataChange.ORDERS, DataChange.EVENTS, DataChange.TIME),
                        List.of(FieldParameter.text("name", true)),
                        (p, q) -> "exists (select 1 from loyalty_member_badges b where b.badge_id = "
                                + q.bind(names.idOf((String) p.get("name")).orElse(-1L))
                                + " and b.customer_id = c.id)")
                .checking((p, value) -> names.idOf((String) p.get("name")).isPresent()
                        ? null
                        : "there is no badge named \"" + p.get("name") + "\"");
    }

    @Bean
    ConditionField badgeCountField() {
        return SimpleConditionField.of(
                "loyalty.badge_count",
                ValueType.NUMBER,
                Set.of(DataChange.ORDERS, DataChange.EVENTS, DataChange.TIME),
                List.of(),
                (p, q) -> "coalesce("
                        + q.perCustomer("select customer_id, count(*) as value from loyalty_member_badges" + " where "
                                + q.scope("customer_id") + " group by customer_id")
                        + ", 0)");
    }
}
