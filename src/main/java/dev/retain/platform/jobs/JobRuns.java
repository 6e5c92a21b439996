package dev.retain.platform.jobs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The record of scheduled job runs. Times are the database's ({@code clock_timestamp()}), not the application clock,
 * which tests and the demo move: a run's start and end are facts of the real world.
 */
@Component
class JobRuns {

    /** Runs are kept this long: a few per day per job, so the table stays small. */
    static final String KEPT = "90 days";

    private static final int ERROR_CHARS = 2000;

    private final JdbcClient jdbc;

    JobRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the start of a run; returns its id. */
    long started(String job, Instant scheduledFor, String instance) {
        // the scheduler runs one execution of a job at a time, so a run of it still open belongs to a dead instance
        jdbc.sql("update scheduled_job_runs set outcome = 'INTERRUPTED' where job = ? and outcome = 'RUNNING'")
                .param(job)
                .update();
        jdbc.sql("delete from scheduled_job_runs where job = ? and started_at < clock_timestamp() - interval '" + KEPT
                        + "'")
                .param(job)
                .update();
        return jdbc.sql("""
                        insert into scheduled_job_runs (job, scheduled_for, instance, started_at)
                        values (?, ?, ?, clock_timestamp()) returning id""")
                .params(job, Timestamp.from(scheduledFor), instance)
                .query(Long.class)
                .single();
    }

    void succeeded(long id, long durationMs) {
        finished(id, durationMs, JobRun.Outcome.SUCCEEDED, null);
    }

    void failed(long id, long durationMs, Throwable failure) {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        finished(id, durationMs, JobRun.Outcome.FAILED, error.substring(0, Math.min(error.length(), ERROR_CHARS)));
    }

    private void finished(long id, long durationMs, JobRun.Outcome outcome, String error) {
        jdbc.sql("""
                        update scheduled_job_runs
                        set finished_at = clock_timestamp(), duration_ms = ?, outcome = ?, error = ?
                        where id = ? and outcome = 'RUNNING'""").params(durationMs, outcome.name(), error, id).update();
    }

    /** The latest run of each job that has run, by job name. */
    Map<String, JobRun> latest() {
        Map<String, JobRun> latest = new HashMap<>();
        jdbc.sql("""
                        select distinct on (job) job, scheduled_for, instance, started_at, finished_at, duration_ms,
                            outcome, error
                        from scheduled_job_runs order by job, started_at desc, id desc""")
                .query((rs, row) -> new JobRun(
                        rs.getString("job"),
                        rs.getTimestamp("scheduled_for").toInstant(),
                        rs.getString("instance"),
                        rs.getTimestamp("started_at").toInstant(),
                        instant(rs.getTimestamp("finished_at")),
                        rs.getObject("duration_ms", Long.class),
                        JobRun.Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("error")))
                .list()
                .forEach(run -> latest.put(run.job(), run));
        return latest;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
