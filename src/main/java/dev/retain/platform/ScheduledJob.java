package dev.retain.platform;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.ZoneId;

/**
 * Work done on a schedule once per firing however many instances share the database: declare one as a bean and the
 * platform's scheduler (db-scheduler) keeps its next run in the database, lets exactly one instance take it, and has
 * another instance run it again when the one running it dies. Runs, their duration and outcome are recorded for the
 * admin page and metrics.
 *
 * <p>For frequent pollers that claim their work with {@code FOR UPDATE SKIP LOCKED} (queues drained every few
 * milliseconds or seconds) a plain {@code @Scheduled} method stays the right tool: each instance polls, and the claim
 * shares the work.
 */
public final class ScheduledJob extends RecurringTask<Void> {

    private final String cron;
    private final ZoneId zone;
    private final Runnable work;

    /**
     * @param name a stable identifier, stored with its runs ({@code segments.recompute})
     * @param cron a Spring cron expression with seconds ({@code 0 30 2 * * *}), or {@code -} for never
     * @param zone the zone the cron expression is read in
     */
    public ScheduledJob(String name, String cron, ZoneId zone, Runnable work) {
        super(name, Schedules.cron(cron, zone), Void.class);
        this.cron = cron;
        this.zone = zone;
        this.work = work;
    }

    public String name() {
        return getName();
    }

    public String cron() {
        return cron;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public void executeRecurringly(TaskInstance<Void> instance, ExecutionContext context) {
        work.run();
    }
}
