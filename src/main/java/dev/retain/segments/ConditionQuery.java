package dev.retain.segments;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles conditions into one SQL statement over {@code customer_profiles_view c}: each fact source is aggregated
 * once per customer in a grouped subquery joined to the customer (aggregates of several criteria share the scan,
 * distinguished by {@code FILTER}), and every value is a bind parameter. Several conditions can share one query, so a
 * batch evaluates all audiences in one pass over the facts.
 */
final class ConditionQuery implements FieldQuery {

    private static final Set<String> CUSTOMER_COLUMNS = Set.of(
            "id",
            "kind",
            "name",
            "phone",
            "email",
            "phone_prefix",
            "email_domain",
            "gender",
            "birthday",
            "city",
            "region",
            "industry",
            "owner_id",
            "status",
            "lifecycle_stage",
            "source",
            "custom_fields",
            "signed_up_at",
            "created_at",
            "updated_at");

    private final Instant now;
    private final LocalDate today;
    private final ZoneId zone;
    private final Long[] scopeIds;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<FactSource, Aggregates> aggregates = new EnumMap<>(FactSource.class);
    private final List<String> joins = new ArrayList<>();
    private final Map<String, String> perCustomerAliases = new HashMap<>();
    private final Map<Condition.Criterion, String> values = new IdentityHashMap<>();

    /** {@code scopeIds} null evaluates every customer; otherwise only these. */
    ConditionQuery(Instant now, ZoneId zone, Collection<Long> scopeIds) {
        this.now = now;
        this.today = LocalDate.ofInstant(now, zone);
        this.zone = zone;
        this.scopeIds = scopeIds == null ? null : scopeIds.toArray(Long[]::new);
    }

    /** The SQL boolean of the condition; null-safe, so NOT is the complement. */
    String predicate(Condition condition) {
        if (condition instanceof Condition.All all) {
            return group(all.conditions(), " and ");
        }
        if (condition instanceof Condition.Any any) {
            return group(any.conditions(), " or ");
        }
        if (condition instanceof Condition.Not not) {
            return "not " + predicate(not.condition());
        }
        Condition.Criterion criterion = (Condition.Criterion) condition;
        return "coalesce(" + Operators.sql(criterion, value(criterion), this) + ", false)";
    }

    /** The SQL of the criterion's field value: what is stored as the reason for an entry. */
    String value(Condition.Criterion criterion) {
        return values.computeIfAbsent(criterion, c -> c.field().valueSql(c.parameters(), this));
    }

    private String group(List<Condition> conditions, String operator) {
        var parts = new ArrayList<String>();
        conditions.forEach(condition -> parts.add(predicate(condition)));
        return "(" + String.join(operator, parts) + ")";
    }

    /** The statement selecting {@code columns} for the customers in scope matching {@code where}. */
    String select(String columns, String where) {
        var sql = new StringBuilder("select ").append(columns).append(" from customer_profiles_view c");
        aggregates.forEach((source, aggregate) -> sql.append(aggregate.join(source)));
        joins.forEach(sql::append);
        sql.append(" where ").append(scope("c.id"));
        if (where != null) {
            sql.append(" and ").append(where);
        }
        return sql.toString();
    }

    Map<String, Object> params() {
        return params;
    }

    @Override
    public String customer(String column) {
        if (!CUSTOMER_COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not a column of customer_profiles_view: " + column);
        }
        return "c." + column;
    }

    /** Equal values share one parameter, so equal aggregates of different criteria are computed once. */
    @Override
    public String bind(Object value) {
        Object jdbcValue = jdbcValue(value);
        for (Map.Entry<String, Object> param : params.entrySet()) {
            if (param.getValue().equals(jdbcValue) && param.getValue().getClass() == jdbcValue.getClass()) {
                return ":" + param.getKey();
            }
        }
        String name = "p" + (params.size() + 1);
        params.put(name, jdbcValue);
        return ":" + name;
    }

    private static Object jdbcValue(Object value) {
        if (value instanceof Instant instant) {
            return Timestamp.from(instant);
        }
        if (value instanceof LocalDate date) {
            return Date.valueOf(date);
        }
        return value;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public LocalDate today() {
        return today;
    }

    @Override
    public String localDate(String timestamp) {
        return "(" + timestamp + " at time zone " + bind(zone.getId()) + ")::date";
    }

    @Override
    public String aggregate(FactSource source, String expression, String filter, Instant since) {
        Aggregates forSource = aggregates.computeIfAbsent(source, s -> new Aggregates(alias(s)));
        String sincePlaceholder = since == null ? null : bind(since);
        var conditions = new ArrayList<String>();
        if (filter != null) {
            conditions.add(filter);
        }
        if (since != null) {
            conditions.add(source.timeColumn() + " >= " + sincePlaceholder);
        }
        String column = conditions.isEmpty()
                ? expression
                : expression + " filter (where " + String.join(" and ", conditions) + ")";
        return forSource.add(column, sincePlaceholder, since);
    }

    @Override
    public String perCustomer(String subquery, String column) {
        String alias = perCustomerAliases.computeIfAbsent(subquery, sql -> {
            String next = "s" + (joins.size() + 1);
            joins.add(" left join (" + sql + ") " + next + " on " + next + ".customer_id = c.id");
            return next;
        });
        return alias + "." + column;
    }

    @Override
    public String scope(String customerIdColumn) {
        if (scopeIds == null) {
            return "true";
        }
        params.putIfAbsent("scope", scopeIds);
        return customerIdColumn + " = any(:scope)";
    }

    private static String alias(FactSource source) {
        switch (source) {
            case ORDERS:
                return "o";
            case ORDER_LINES:
                return "l";
            default:
                return "e";
        }
    }

    /** The aggregates of one fact source, and the earliest time any of them reads (null: all time). */
    private final class Aggregates {
        private final String alias;
        private final List<String> columns = new ArrayList<>();
        private boolean allTime;
        private Instant earliest;
        private String earliestPlaceholder;

        Aggregates(String alias) {
            this.alias = alias;
        }

        String add(String column, String sincePlaceholder, Instant since) {
            int known = columns.indexOf(column);
            if (known >= 0) {
                return alias + ".a" + (known + 1);
            }
            columns.add(column);
            if (since == null) {
                allTime = true;
            } else if (earliest == null || since.isBefore(earliest)) {
                earliest = since;
                earliestPlaceholder = sincePlaceholder;
            }
            return alias + ".a" + columns.size();
        }

        String join(FactSource source) {
            String where = scope("customer_id")
                    + (allTime ? "" : " and " + source.timeColumn() + " >= " + earliestPlaceholder);
            var named = new ArrayList<String>();
            for (int i = 0; i < columns.size(); i++) {
                named.add(columns.get(i) + " as a" + (i + 1));
            }
            return " left join (select customer_id, " + String.join(", ", named) + " from " + source.view() + " where "
                    + where + " group by customer_id) " + alias + " on " + alias + ".customer_id = c.id";
        }
    }
}
