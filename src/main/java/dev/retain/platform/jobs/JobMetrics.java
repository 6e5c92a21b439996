package dev.retain.platform.jobs;

import dev.retain.platform.ExpiringCache;
import dev.retain.platform.ScheduledJob;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.stereotype.Component;

/**
 * The last run of every scheduled job as gauges, the same on every instance since they read the shared run record
 * (at most once per {@link #FRESH} per scrape): {@code retain.jobs.last.started} (epoch seconds),
 * {@code retain.jobs.last.duration} (seconds) and {@code retain.jobs.last.succeeded} (1, or 0 when it failed or was
 * interrupted; absent while it runs or before the first run), each tagged {@code job}.
 */
@Component
class JobMetrics implements MeterBinder {

    static final Duration FRESH = Duration.ofSeconds(10);

    private final JobOverview overview;
    private final JobRuns runs;
    private final ExpiringCache<String, Map<String, JobRun>> latest = new ExpiringCache<>(FRESH);

    JobMetrics(JobOverview overview, JobRuns runs) {
        this.overview = overview;
        this.runs = runs;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ScheduledJob job : overview.jobs()) {
            gauge(
                    registry,
                    "retain.jobs.last.started",
                    "Start of the job's last run",
                    job,
                    run -> run.startedAt().getEpochSecond());
            gauge(
                    registry,
                    "retain.jobs.last.duration",
                    "Duration of the job's last finished run",
                    job,
                    run -> run.durationMs() == null ? Double.NaN : run.durationMs() / 1000.0);
            gauge(
                    registry,
                    "retain.jobs.last.succeeded",
                    "Whether the job's last run succeeded",
                    job,
                    run -> switch (run.outcome()) {
                        case SUCCEEDED -> 1;
                        case FAILED, INTERRUPTED -> 0;
                        case RUNNING -> Double.NaN;
                    });
        }
    }

    private void gauge(
            MeterRegistry registry, String name, String description, ScheduledJob job, ToDoubleFunction<JobRun> value) {
        Gauge.builder(name, this, metrics -> {
                    JobRun run = metrics.lastRun(job.name());
                    return run == null ? Double.NaN : value.applyAsDouble(run);
                })
                .description(description)
                .tag("job", job.name())
                .register(registry);
    }

    private JobRun lastRun(String job) {
        return latest.get("all", all -> runs.latest()).get(job);
    }
}
