package dev.retain.service.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes the timers of a ticket ({@code ticket_sla_timers}). */
@Component
class TimerStore {

    static final String COLUMNS = """
            customer_id, ticket_id, target, cycle, calendar_id, budget_minutes, warn_percent, state, started_at,
            used_seconds, running_since, due_at, warn_at, breached_at, stopped_at, used_minutes""";

    private final JdbcClient jdbc;

    TimerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Timer> of(long customerId, long ticketId) {
        return jdbc.sql("select " + COLUMNS + " from ticket_sla_timers where customer_id = ? and ticket_id = ?"
                        + " order by target, cycle")
                .params(customerId, ticketId)
                .query(TimerStore::timer)
                .list();
    }

    void insert(Timer t) {
        jdbc.sql("insert into ticket_sla_timers (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?)")
                .params(
                        t.customerId(),
                        t.ticketId(),
                        t.target().name(),
                        t.cycle(),
                        t.calendarId(),
                        t.budgetMinutes(),
                        t.warnPercent(),
                        t.state().name(),
                        ts(t.startedAt()),
                        t.usedSeconds(),
                        ts(t.runningSince()),
                        ts(t.dueAt()),
                        ts(t.warnAt()),
                        ts(t.breachedAt()),
                        ts(t.stoppedAt()),
                        t.usedMinutes())
                .update();
    }

    /** Writes the moving parts; warned_at and escalated_at stay, so nobody is told twice about one timer. */
    void update(Timer t) {
        jdbc.sql("""
                        update ticket_sla_timers set state = ?, used_seconds = ?, running_since = ?, due_at = ?,
                               warn_at = ?, breached_at = ?, stopped_at = ?, used_minutes = ?
                        where customer_id = ? and ticket_id = ? and target = ? and cycle = ?""")
                .params(
                        t.state().name(),
                        t.usedSeconds(),
                        ts(t.runningSince()),
                        ts(t.dueAt()),
                        ts(t.warnAt()),
                        ts(t.breachedAt()),
                        ts(t.stoppedAt()),
                        t.usedMinutes(),
                        t.customerId(),
                        t.ticketId(),
                        t.target().name(),
                        t.cycle())
                .update();
    }

    static Timer timer(ResultSet rs, int row) throws SQLException {
        return new Timer(
                rs.getLong(1),
                rs.getLong(2),
                SlaTarget.valueOf(rs.getString(3)),
                rs.getInt(4),
                rs.getLong(5),
                rs.getInt(6),
                rs.getInt(7),
                TimerState.valueOf(rs.getString(8)),
                instant(rs.getTimestamp(9)),
                rs.getLong(10),
                instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(13)),
                instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)),
                (Integer) rs.getObject(16));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
