package dev.retain.analytics;

import java.util.HashMap;
import java.util.Map;

/**
 * The SQL pieces every figure shares, so a scope means the same thing in each: the paid orders of the customers in
 * scope as {@code (customer_id, ordered_at, amount)} — with a category, only that category's lines count — and the
 * customer condition alone. Values go in as named parameters; nothing from the request is spliced in.
 */
final class ScopedSql {

    private final CustomerScope scope;
    private final Map<String, Object> params = new HashMap<>();

    ScopedSql(CustomerScope scope) {
        this.scope = scope;
        params.put("segmentId", scope.segmentId());
        params.put("region", scope.region());
        params.put("ownerId", scope.ownerId());
        params.put("category", scope.category());
    }

    Map<String, Object> params() {
        return params;
    }

    ScopedSql param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** Paid orders (or a category's lines of them) placed in [{@code :factsFrom}, {@code :factsTo}). */
    String facts() {
        String when = " where ordered_at >= :factsFrom and ordered_at < :factsTo and " + customers("customer_id");
        return scope.category() == null
                ? "select customer_id, ordered_at, base_amount as amount from paid_orders_view" + when
                : "select customer_id, ordered_at, sum(line_amount) as amount from paid_order_lines_view" + when
                        + " and category = :category group by order_id, customer_id, ordered_at";
    }

    /** A condition on {@code column} (a customer id) that holds for the customers in scope; {@code true} for everyone. */
    String customers(String column) {
        StringBuilder sql = new StringBuilder("true");
        if (scope.segmentId() != null) {
            sql.append(" and ")
                    .append(column)
                    .append(" in (select customer_id from audience_members_view where audience_id = :segmentId)");
        }
        if (scope.region() != null || scope.ownerId() != null) {
            sql.append(" and ").append(column).append(" in (select id from customer_profiles_view where true");
            if (scope.region() != null) {
                sql.append(" and region = :region");
            }
            if (scope.ownerId() != null) {
                sql.append(" and owner_id = :ownerId");
            }
            sql.append(')');
        }
        return sql.toString();
    }
}
