package dev.retain.events;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Behavioural events on the customer's timeline, with their properties. */
@Component
class EventsOnTimeline implements TimelineSource {

    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {};
    private static final int LONGEST_DETAIL = 300;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    EventsOnTimeline(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String kind() {
        return "event";
    }

    @Override
    public int order() {
        return 60;
    }

    /**
     * Reads {@code events_customer_idx} backwards in each monthly partition before the cursor, merged in time order,
     * and stops after {@code limit} events.
     */
    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        return jdbc.sql("""
                        select type, occurred_at, properties::text from events
                        where customer_id = ? and occurred_at < ? order by occurred_at desc limit ?""")
                .params(customerId, Timestamp.from(before), limit)
                .query((rs, row) -> TimelineEntry.of(
                        rs.getTimestamp(2).toInstant(),
                        kind(),
                        "occurred",
                        detail(rs.getString(3)),
                        null,
                        rs.getString(1)))
                .list();
    }

    private String detail(String properties) {
        Map<String, Object> values = json.readValue(properties, PROPERTIES);
        String text = values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(" "));
        return text.length() <= LONGEST_DETAIL ? text : text.substring(0, LONGEST_DETAIL) + "…";
    }
}
