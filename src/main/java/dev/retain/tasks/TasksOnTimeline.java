package dev.retain.tasks;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tasks on the customer's timeline: created, and done or cancelled. */
@Component
class TasksOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    TasksOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "task";
    }

    @Override
    public int order() {
        return 50;
    }

    /**
     * A task is closed after it was created, so only tasks created before the cursor can give entries: those are found
     * through {@code tasks_customer_idx} (customer, newest first).
     */
    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        Timestamp cursor = Timestamp.from(before);
        return jdbc.sql("""
                        select x.type, x.at, t.kind, t.title, t.note
                        from tasks t
                        cross join lateral (values
                            ('created', t.created_at),
                            (case t.status when 'DONE' then 'done' else 'cancelled' end, t.done_at)) as x(type, at)
                        where t.customer_id = ? and t.created_at < ? and x.at < ?
                        order by x.at desc, t.id desc limit ?""")
                .params(customerId, cursor, cursor, limit)
                .query((rs, row) -> {
                    String type = rs.getString(1);
                    return type.equals("created")
                            ? TimelineEntry.of(
                                    rs.getTimestamp(2).toInstant(),
                                    kind(),
                                    type,
                                    rs.getString(5),
                                    null,
                                    TimelineEntry.translated("tasks.kind." + rs.getString(3)),
                                    rs.getString(4))
                            : TimelineEntry.of(
                                    rs.getTimestamp(2).toInstant(), kind(), type, null, null, rs.getString(4));
                })
                .list();
    }
}
