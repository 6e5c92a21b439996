package dev.retain.segments.fields;

import static dev.retain.segments.DataChange.EVENTS;
import static dev.retain.segments.DataChange.TIME;

import dev.retain.segments.ConditionField;
import dev.retain.segments.FactSource;
import dev.retain.segments.FieldParameter;
import dev.retain.segments.FieldQuery;
import dev.retain.segments.SimpleConditionField;
import dev.retain.segments.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Conditions on behavioural events: counts in a window, their change against the window before, recency. */
@Configuration(proxyBeanMethods = false)
class EventFields {

    private static final FieldParameter EVENT_TYPE = FieldParameter.text("event_type", false);

    @Bean
    ConditionField eventsCount() {
        return SimpleConditionField.of(
                "events.count",
                ValueType.NUMBER,
                Set.of(EVENTS, TIME),
                List.of(EVENT_TYPE, FieldParameter.days("within_days", false)),
                (p, q) -> "coalesce(" + count(p, q, since(p, q, "within_days", 1), null) + ", 0)");
    }

    /**
     * Percent change of the count in the last {@code days} days against the {@code days} before: -30 is "down 30%".
     * Empty when there were none before.
     */
    @Bean
    ConditionField eventsChange() {
        return SimpleConditionField.of(
                "events.change_pct",
                ValueType.NUMBER,
                Set.of(EVENTS, TIME),
                List.of(EVENT_TYPE, FieldParameter.days("days", true)),
                (p, q) -> {
                    Instant recentStart = since(p, q, "days", 1);
                    Instant previousStart = since(p, q, "days", 2);
                    String recent = "coalesce(" + count(p, q, recentStart, null) + ", 0)";
                    String previous = count(p, q, previousStart, "occurred_at < " + q.bind(recentStart));
                    return "round(100.0 * (" + recent + " - " + previous + ") / nullif(" + previous + ", 0), 1)";
                });
    }

    @Bean
    ConditionField eventsDaysSinceLast() {
        return SimpleConditionField.of(
                "events.days_since_last",
                ValueType.NUMBER,
                Set.of(EVENTS, TIME),
                List.of(EVENT_TYPE),
                (p, q) -> "(" + q.bind(q.today()) + " - "
                        + q.localDate(q.aggregate(FactSource.EVENTS, "max(occurred_at)", typeFilter(p, q, null), null))
                        + ")");
    }

    private static String count(Map<String, Object> p, FieldQuery q, Instant since, String extra) {
        return q.aggregate(FactSource.EVENTS, "count(*)", typeFilter(p, q, extra), since);
    }

    private static String typeFilter(Map<String, Object> p, FieldQuery q, String extra) {
        String type = p.containsKey("event_type") ? "type = " + q.bind(p.get("event_type")) : null;
        if (type == null) {
            return extra;
        }
        return extra == null ? type : type + " and " + extra;
    }

    private static Instant since(Map<String, Object> p, FieldQuery q, String parameter, int periods) {
        Object days = p.get(parameter);
        return days == null ? null : q.now().minus(Duration.ofDays((long) (Integer) days * periods));
    }
}
