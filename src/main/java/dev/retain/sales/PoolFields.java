package dev.retain.sales;

import dev.retain.platform.CompanyZone;
import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pools as condition fields: {@code sales.in_pool} (waiting without an owner) and {@code sales.days_until_reclaim}
 * (days before an owned customer goes back to its pool; empty when no rule applies), so "customers going to the pool
 * in 3 days" can start a journey or fill a segment.
 */
@Configuration(proxyBeanMethods = false)
class PoolFields {

    @Bean
    ConditionField inPoolField() {
        return SimpleConditionField.of(
                "sales.in_pool",
                ValueType.BOOLEAN,
                Set.of(DataChange.PROFILE),
                List.of(),
                (p, q) -> "(" + q.customer("owner_id") + " is null)");
    }

    @Bean
    ConditionField daysUntilReclaimField(CompanyZone zone) {
        return SimpleConditionField.of(
                "sales.days_until_reclaim",
                ValueType.NUMBER,
                Set.of(DataChange.TIME, DataChange.PROFILE),
                List.of(),
                (p, q) -> q.perCustomer("select customer_id, days_until_reclaim as value from ("
                        + ReclaimStatus.sql(
                                q.bind(q.today()), q.bind(zone.zone().getId()), q.scope("c.id"))
                        + ") reclaim"));
    }
}
