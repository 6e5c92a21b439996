package dev.retain.loyalty;

import dev.retain.platform.CompanyZone;
import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.sql.Date;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tiers as condition fields: {@code loyalty.tier} (the name of the member's tier; empty for customers without one) and
 * {@code loyalty.tier_qualifying_value} (the value that qualifies for tiers over the window now — points earned,
 * spend or orders by the programme's basis; 0 without any), both restricted to the customers evaluated.
 */
@Configuration(proxyBeanMethods = false)
class TierFields {

    @Bean
    ConditionField tierField() {
        return SimpleConditionField.of(
                "loyalty.tier",
                ValueType.TEXT,
                Set.of(DataChange.ORDERS, DataChange.TIME),
                List.of(),
                (p, q) -> q.perCustomer("""
                        select mt.customer_id, t.name as value
                        from loyalty_member_tiers mt join loyalty_tiers t on t.id = mt.tier_id
                        where %s""".formatted(q.scope("mt.customer_id"))));
    }

    @Bean
    ConditionField tierQualifyingValueField(LoyaltyTiers tiers, CompanyZone zone) {
        return SimpleConditionField.of(
                "loyalty.tier_qualifying_value",
                ValueType.NUMBER,
                Set.of(DataChange.ORDERS, DataChange.TIME),
                List.of(),
                (p, q) -> {
                    TierSettings settings = tiers.settings();
                    String from = "cast(%s as date)"
                            .formatted(q.bind(
                                    Date.valueOf(TierQualification.windowStart(q.today(), settings.windowMonths()))));
                    String now = "cast(%s as timestamptz)".formatted(q.bind(java.sql.Timestamp.from(q.now())));
                    return "coalesce("
                            + q.perCustomer(
                                    TierQualification.values(settings.basis(), from, now, zone.zone(), q::scope))
                            + ", 0)";
                });
    }
}
