package dev.retain.platform.jobs;

import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wraps every run of a scheduled job on this instance: records its start, end and outcome in
 * {@code scheduled_job_runs}, and its duration in the {@code retain.jobs.runs} timer (tags {@code job},
 * {@code outcome}).
 */
@Component
class JobRunRecording implements ExecutionInterceptor {

    static final String TIMER = "retain.jobs.runs";

    private final JobRuns runs;
    private final MeterRegistry meters;
    private final String fallbackInstance;

    JobRunRecording(JobRuns runs, MeterRegistry meters) {
        this.runs = runs;
        this.meters = meters;
        this.fallbackInstance = ProcessHandle.current().pid() + "@" + hostName();
    }

    @Override
    public CompletionHandler<?> execute(TaskInstance<?> task, ExecutionContext context, ExecutionChain chain) {
        String job = task.getTaskName();
        String instance = context.getExecution().pickedBy;
        long id =
                runs.started(job, context.getExecution().executionTime, instance == null ? fallbackInstance : instance);
        long started = System.nanoTime();
        try {
            CompletionHandler<?> completion = chain.proceed(task, context);
            long nanos = System.nanoTime() - started;
            runs.succeeded(id, nanos / 1_000_000);
            timer(job, JobRun.Outcome.SUCCEEDED).record(Duration.ofNanos(nanos));
            return completion;
        } catch (RuntimeException | Error e) {
            long nanos = System.nanoTime() - started;
            runs.failed(id, nanos / 1_000_000, e);
            timer(job, JobRun.Outcome.FAILED).record(Duration.ofNanos(nanos));
            throw e;
        }
    }

    private Timer timer(String job, JobRun.Outcome outcome) {
        return Timer.builder(TIMER)
                .description("Runs of scheduled jobs on this instance")
                .tag("job", job)
                .tag("outcome", outcome.name())
                .register(meters);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
