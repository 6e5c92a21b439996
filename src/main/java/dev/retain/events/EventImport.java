package dev.retain.events;

import dev.retain.platform.MonthlyPartitions;
import java.sql.Timestamp;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Set-based append of imported events. The importer fills the temporary table {@code staged_events} (see
 * {@link #createStaging()} and {@link #STAGING_COLUMNS}), sets {@code customer_id} and calls {@link #append}. An event
 * already recorded (same customer, type, time and properties) is not recorded twice, so importing a file again adds
 * nothing; such rows are {@code merged}, new ones {@code imported}. New events publish {@link EventsRecorded}.
 */
@Service
public class EventImport {

    public static final String STAGING_COLUMNS = "row_number, type, occurred_at, properties";

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;
    private final ApplicationEventPublisher events;

    EventImport(JdbcClient jdbc, MonthlyPartitions partitions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.events = events;
    }

    public void createStaging() {
        jdbc.sql("""
                        create temp table staged_events (
                            row_number bigint primary key, type text not null, occurred_at timestamptz not null,
                            properties jsonb not null default '{}', customer_id bigint, outcome text
                        ) on commit drop""").update();
    }

    /** Returns how many events were recorded. */
    public long append() {
        var range = jdbc.sql("select min(occurred_at), max(occurred_at) from staged_events")
                .query((rs, row) -> new Timestamp[] {rs.getTimestamp(1), rs.getTimestamp(2)})
                .single();
        if (range[0] == null) {
            return 0;
        }
        partitions.ensure(Events.TABLE, range[0].toInstant(), range[1].toInstant());
        jdbc.sql("""
                        update staged_events s set outcome = case when exists (
                            select 1 from events e where e.customer_id = s.customer_id and e.occurred_at = s.occurred_at
                              and e.type = s.type and e.properties = s.properties) then 'merged' else 'imported' end""").update();
        // The same event twice in one file is recorded once.
        jdbc.sql("""
                        update staged_events s set outcome = 'merged'
                        from (select row_number, row_number() over (partition by customer_id, type, occurred_at, properties
                                                                     order by row_number) as nth
                              from staged_events where outcome = 'imported') d
                        where d.row_number = s.row_number and d.nth > 1""").update();
        long recorded = jdbc.sql("""
                        insert into events (customer_id, type, occurred_at, properties)
                        select customer_id, type, occurred_at, properties from staged_events where outcome = 'imported'""").update();
        if (recorded > 0) {
            events.publishEvent(EventsRecorded.of(
                    jdbc.sql("select distinct customer_id from staged_events where outcome = 'imported'")
                            .query(Long.class)
                            .list()));
        }
        return recorded;
    }
}
