package dev.retain.loyalty;

import dev.retain.segments.ConditionField;
import dev.retain.segments.DataChange;
import dev.retain.segments.FieldParameter;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Points as condition fields: {@code loyalty.points_balance} (spendable points now) and
 * {@code loyalty.points_expiring} (spendable points whose last day is within {@code within_days}, 30 unless given), 0
 * for customers without points. Both count the lots as they stand at the evaluation's moment, like the wallet; orders change them, and so
 * does time — the nightly recompute brings segments up to date with redemptions too.
 */
@Configuration(proxyBeanMethods = false)
class LoyaltyFields {

    private static final FieldParameter WITHIN_DAYS = FieldParameter.days("within_days", false);

    @Bean
    ConditionField pointsBalanceField() {
        return SimpleConditionField.of(
                "loyalty.points_balance",
                ValueType.NUMBER,
                Set.of(DataChange.ORDERS, DataChange.TIME),
                List.of(),
                (p, q) -> "coalesce(" + q.perCustomer(balances(q, Loyalty.EXPIRING_DAYS), "active") + ", 0)");
    }

    @Bean
    ConditionField pointsExpiringField() {
        return SimpleConditionField.of(
                "loyalty.points_expiring",
                ValueType.NUMBER,
                Set.of(DataChange.ORDERS, DataChange.TIME),
                List.of(WITHIN_DAYS),
                (p, q) -> "coalesce(" + q.perCustomer(balances(q, withinDays(p)), "expiring") + ", 0)");
    }

    private static int withinDays(Map<String, Object> parameters) {
        return parameters.get(WITHIN_DAYS.name()) instanceof Number days ? days.intValue() : Loyalty.EXPIRING_DAYS;
    }

    /**
     * Per member: spendable points now (the cached balance, less lots past their last day, plus pending lots whose days
     * are over) and those expiring within the given days.
     */
    private static String balances(FieldQuery q, int expiringDays) {
        String today = q.bind(q.today());
        String soon = q.bind(q.today().plusDays(expiringDays));
        String now = q.bind(q.now());
        return """
                select m.customer_id,
                       m.active
                       - coalesce(sum(l.remaining) filter (where l.state = 'ACTIVE' and l.expires_on < %1$s), 0)
                       + coalesce(sum(l.remaining) filter (where l.state = 'PENDING' and l.available_at <= %3$s
                                                           and not coalesce(l.expires_on < %1$s, false)), 0) as active,
                       coalesce(sum(l.remaining) filter (where l.expires_on between %1$s and %2$s
                                                         and (l.state = 'ACTIVE' or l.available_at <= %3$s)), 0)
                           as expiring
                from loyalty_members m
                left join loyalty_lots l on l.customer_id = m.customer_id and l.remaining > 0
                where %4$s
                group by m.customer_id, m.active""".formatted(today, soon, now, q.scope("m.customer_id"));
    }
}
