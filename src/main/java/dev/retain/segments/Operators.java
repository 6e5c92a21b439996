package dev.retain.segments;

import java.time.LocalDate;
import java.util.List;

/** The SQL of each operator applied to a field's value expression; compared values are always bind parameters. */
final class Operators {

    private Operators() {}

    static String sql(Condition.Criterion criterion, String v, FieldQuery q) {
        Object value = criterion.value();
        boolean text = criterion.field().type() == ValueType.TEXT;
        LocalDate today = q.today();
        switch (criterion.op()) {
            case "eq":
                return v + " = " + q.bind(value);
            case "ne":
                return v + " is distinct from " + q.bind(value);
            case "gt":
            case "after":
                return v + " > " + q.bind(value);
            case "gte":
                return v + " >= " + q.bind(value);
            case "lt":
            case "before":
                return v + " < " + q.bind(value);
            case "lte":
                return v + " <= " + q.bind(value);
            case "between":
                List<?> range = (List<?>) value;
                return v + " between " + q.bind(range.get(0)) + " and " + q.bind(range.get(1));
            case "in":
                return v + " in (" + q.bind(value) + ")";
            case "not_in":
                return "(" + v + " is null or " + v + " not in (" + q.bind(value) + "))";
            case "contains":
                return "strpos(lower(" + v + "), lower(" + q.bind(value) + ")) > 0";
            case "starts_with":
                return "starts_with(lower(" + v + "), lower(" + q.bind(value) + "))";
            case "is_empty":
                return text ? "coalesce(" + v + ", '') = ''" : v + " is null";
            case "is_not_empty":
                return text ? "coalesce(" + v + ", '') <> ''" : v + " is not null";
            case "in_last_days":
                return v + " between " + q.bind(today.minusDays(days(value))) + " and " + q.bind(today);
            case "in_next_days":
                return v + " between " + q.bind(today) + " and " + q.bind(today.plusDays(days(value)));
            case "more_than_days_ago":
                return v + " < " + q.bind(today.minusDays(days(value)));
            case "anniversary_in_next_days":
                return daysToAnniversary(v, q) + " <= " + q.bind(days(value));
            case "is_true":
                return v + " is true";
            case "is_false":
                return v + " is not true";
            default:
                throw new IllegalArgumentException("no SQL for operator " + criterion.op());
        }
    }

    /**
     * Days from today to the next anniversary of the date (0 on the day itself; 29 February falls on 28 February in
     * other years); a date still ahead counts as its own next anniversary.
     */
    private static String daysToAnniversary(String date, FieldQuery q) {
        String today = q.bind(q.today());
        String yesterday = q.bind(q.today().minusDays(1));
        return "(case when " + date + " >= " + today + " then " + date + " - " + today
                + " else (" + date + " + (extract(year from age(" + yesterday + "::timestamp, " + date
                + "::timestamp))::int + 1) * interval '1 year')::date - " + today + " end)";
    }

    private static int days(Object value) {
        return (Integer) value;
    }
}
