package dev.retain.journeys;

import dev.retain.platform.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The steps that failed every attempt, with their error, and their retry by hand. */
@Service
public class DeadSteps {

    private final JdbcClient jdbc;
    private final Clock clock;

    DeadSteps(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<Map<String, Object>> list() {
        return jdbc.sql("""
                        select s.id, e.journey_id, j.name, s.enrolment_id, e.customer_id, s.node_id, s.attempts, s.last_error
                        from journey_steps s join journey_enrolments e on e.id = s.enrolment_id
                        join journeys j on j.id = e.journey_id
                        where s.due_at = 'infinity' order by s.id""")
                .query((rs, row) -> Map.<String, Object>of(
                        "stepId", rs.getLong(1),
                        "journeyId", rs.getLong(2),
                        "journey", rs.getString(3),
                        "enrolmentId", rs.getLong(4),
                        "customerId", rs.getLong(5),
                        "node", rs.getString(6),
                        "attempts", rs.getInt(7),
                        "error", String.valueOf(rs.getString(8))))
                .list();
    }

    /** Makes a dead step due now, with its attempts counted afresh. */
    public void retry(long stepId) {
        int updated = jdbc.sql("update journey_steps set due_at = ?, attempts = 0 where id = ? and due_at = 'infinity'")
                .params(Timestamp.from(clock.instant()), stepId)
                .update();
        if (updated == 0) {
            throw new NotFoundException("failed journey step", stepId);
        }
    }
}
