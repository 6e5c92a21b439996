package dev.retain.platform.jobs;

import dev.retain.platform.ScheduledJob;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every scheduled job with its schedule, its next run (from the scheduler's table) and its last run. */
@Component
class JobOverview {

    /** A job as the admin page and the metrics show it; {@code lastRun} is null before its first run. */
    record Row(ScheduledJob job, Instant nextRun, String runningOn, JobRun lastRun) {}

    private final List<ScheduledJob> jobs;
    private final JobRuns runs;
    private final JdbcClient jdbc;

    JobOverview(List<ScheduledJob> jobs, JobRuns runs, JdbcClient jdbc) {
        this.jobs =
                jobs.stream().sorted(Comparator.comparing(ScheduledJob::name)).toList();
        this.runs = runs;
        this.jdbc = jdbc;
    }

    List<ScheduledJob> jobs() {
        return jobs;
    }

    List<Row> rows() {
        Map<String, JobRun> last = runs.latest();
        Map<String, Instant> next = new HashMap<>();
        Map<String, String> pickedBy = new HashMap<>();
        jdbc.sql("select task_name, execution_time, picked, picked_by from scheduled_tasks")
                .query(rs -> {
                    next.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    if (rs.getBoolean(3)) {
                        pickedBy.put(rs.getString(1), rs.getString(4));
                    }
                });
        return jobs.stream()
                .map(job -> new Row(
                        job,
                        pickedBy.containsKey(job.name()) ? null : next.get(job.name()),
                        pickedBy.get(job.name()),
                        last.get(job.name())))
                .toList();
    }
}
