package dev.retain.journeys;

import dev.retain.platform.MonthlyPartitions;
import dev.retain.platform.RetentionSchedule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * What happened to each enrolment, node by node (entered, acted, held out, waited, branched, converted, ended): the
 * source of the per-node counts and the journey results. Partitioned by month, kept for a retention period.
 */
@Component
class JourneyHistory {

    static final String TABLE = "journey_history";

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;
    private final ObjectMapper json;

    JourneyHistory(JdbcClient jdbc, MonthlyPartitions partitions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.json = json;
    }

    @Bean
    static RetentionSchedule journeyHistoryRetention(@Value("${retain.journeys.history-retention-months}") int months) {
        return new RetentionSchedule(TABLE, months);
    }

    void ready(Instant at) {
        partitions.ensure(TABLE, at, at);
    }

    void record(Step step, String nodeId, String event, Instant at, Map<String, ?> detail) {
        ready(at);
        jdbc.sql("""
                        insert into journey_history (journey_id, enrolment_id, customer_id, node_id, event, holdout, at,
                                                     detail)
                        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(
                        step.journeyId(),
                        step.enrolmentId(),
                        step.customerId(),
                        nodeId,
                        event,
                        step.holdout(),
                        Timestamp.from(at),
                        detail == null || detail.isEmpty() ? null : json.writeValueAsString(detail))
                .update();
    }
}
