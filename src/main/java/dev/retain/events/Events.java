package dev.retain.events;

import dev.retain.platform.MonthlyPartitions;
import dev.retain.platform.PostgresCopy;
import dev.retain.platform.Replayable;
import dev.retain.platform.RetentionSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The behavioural event log: bulk loading, recording one event, and a customer's recent events. */
@Service
public class Events {

    static final String TABLE = "events";
    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final PostgresCopy copy;
    private final MonthlyPartitions partitions;
    private final ObjectMapper json;
    private final ApplicationEventPublisher published;

    Events(
            JdbcClient jdbc,
            PostgresCopy copy,
            MonthlyPartitions partitions,
            ObjectMapper json,
            ApplicationEventPublisher published) {
        this.jdbc = jdbc;
        this.copy = copy;
        this.partitions = partitions;
        this.json = json;
        this.published = published;
    }

    /**
     * Records one event a module observed (an opportunity won, say) and publishes {@link EventsRecorded}, so
     * event-triggered journeys and real-time segments react to it as to an imported event.
     */
    @Transactional
    public void record(Event event) {
        partitions.ensure(TABLE, event.occurredAt(), event.occurredAt());
        jdbc.sql("insert into events (customer_id, type, occurred_at, properties) values (?, ?, ?, ?::jsonb)")
                .params(
                        event.customerId(),
                        event.type(),
                        java.sql.Timestamp.from(event.occurredAt()),
                        json.writeValueAsString(event.properties()))
                .update();
        published.publishEvent(EventsRecorded.of(List.of(event.customerId())));
    }

    /**
     * Records many events modules observed in one transaction, and publishes {@link EventsRecorded} for their customers
     * in chunks of at most {@link EventsRecorded#MAX_LISTED}, so listeners hear of each customer without a batch being
     * taken for "everyone changed".
     */
    @Transactional
    public void recordAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant earliest =
                events.stream().map(Event::occurredAt).min(Instant::compareTo).orElseThrow();
        Instant latest =
                events.stream().map(Event::occurredAt).max(Instant::compareTo).orElseThrow();
        partitions.ensure(TABLE, earliest, latest);
        jdbc.sql("""
                        insert into events (customer_id, type, occurred_at, properties)
                        select customer_id, type, occurred_at::timestamptz, properties::jsonb
                        from unnest(:customers, :types, :times, :properties)
                             as e (customer_id, type, occurred_at, properties)""")
                .param("customers", events.stream().map(Event::customerId).toArray(Long[]::new))
                .param("types", events.stream().map(Event::type).toArray(String[]::new))
                .param(
                        "times",
                        events.stream()
                                .map(event -> event.occurredAt().toString())
                                .toArray(String[]::new))
                .param(
                        "properties",
                        events.stream()
                                .map(event -> json.writeValueAsString(event.properties()))
                                .toArray(String[]::new))
                .update();
        List<Long> customers = events.stream().map(Event::customerId).distinct().toList();
        for (int from = 0; from < customers.size(); from += EventsRecorded.MAX_LISTED) {
            published.publishEvent(EventsRecorded.of(
                    customers.subList(from, Math.min(customers.size(), from + EventsRecorded.MAX_LISTED))));
        }
    }

    @Bean
    static RetentionSchedule eventRetention(@Value("${retain.retention.events-months}") int months) {
        return new RetentionSchedule(TABLE, months);
    }

    public List<Event> recentOf(long customerId, int limit) {
        return jdbc.sql("select customer_id, type, occurred_at, properties::text from events where customer_id = ?"
                        + " order by occurred_at desc limit ?")
                .params(customerId, limit)
                .query((rs, row) -> new Event(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        json.readValue(rs.getString(4), PROPERTIES)))
                .list();
    }

    /** Appends many events with {@code COPY} in one transaction, creating the monthly partitions they need. */
    @Transactional
    public long loadInBulk(Replayable<Event> events) {
        var earliest = new AtomicReference<Instant>();
        var latest = new AtomicReference<Instant>();
        events.forEach(event -> {
            earliest.accumulateAndGet(event.occurredAt(), (a, b) -> a == null || b.isBefore(a) ? b : a);
            latest.accumulateAndGet(event.occurredAt(), (a, b) -> a == null || b.isAfter(a) ? b : a);
        });
        if (earliest.get() == null) {
            return 0;
        }
        partitions.ensure(TABLE, earliest.get(), latest.get());
        long loaded = copy.into(
                TABLE,
                "customer_id, type, occurred_at, properties",
                rows -> events.forEach(event -> rows.row(
                        event.customerId(),
                        event.type(),
                        event.occurredAt(),
                        json.writeValueAsString(event.properties()))));
        // Fresh statistics, so the first set-based queries after a bulk load get sensible plans.
        jdbc.sql("analyze " + TABLE).update();
        return loaded;
    }
}
