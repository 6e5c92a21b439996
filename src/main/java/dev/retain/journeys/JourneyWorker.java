package dev.retain.journeys;

import dev.retain.platform.DueWork;
import dev.retain.platform.WorkerThreads;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims due steps in batches with {@code FOR UPDATE SKIP LOCKED}, so that several instances share the work, and runs
 * them in the batch's transaction: a step's effects (the next step, the history, what its actions queued) commit
 * together with its removal from the queue, or not at all. A crash before the commit leaves the steps due for the next
 * claim, and their actions' idempotency keys keep a second run from acting twice. When a step fails, the batch is rolled
 * back and run again with each step in a savepoint of its own, so the others go ahead and the failing one is tried
 * again with backoff; after {@link #MAX_ATTEMPTS} it waits in the dead-letter list for a retry by hand. (A savepoint
 * for every step costs two round trips each, which most batches, with no failure, do not need.)
 */
@Component
@ConditionalOnProperty(name = "retain.journeys.worker.enabled", havingValue = "true", matchIfMissing = true)
public class JourneyWorker implements DueWork {

    private static final Logger log = LoggerFactory.getLogger(JourneyWorker.class);

    static final int BATCH = 200;
    static final int MAX_ATTEMPTS = 5;

    private final StepRunner runner;
    private final JourneyHistory history;
    private final JdbcClient jdbc;
    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final WorkerThreads threads;

    JourneyWorker(
            StepRunner runner,
            JourneyHistory history,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${retain.journeys.worker.threads}") int threads,
            @Value("${retain.journeys.worker-delay-ms}") long delayMillis) {
        this.runner = runner;
        this.history = history;
        this.jdbc = jdbc;
        this.batch = new TransactionTemplate(transactions);
        // a savepoint when called inside a transaction, so that rolling a batch back leaves the caller's work alone
        this.batch.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
        this.threads =
                new WorkerThreads("journey-worker", threads, this::runDue, BATCH, Duration.ofMillis(delayMillis));
    }

    /** Once the application is ready, not while its beans are still being made. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        threads.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        threads.close();
    }

    /** Claims and runs one batch of due steps; returns how many it claimed. */
    @Override
    public int runDue() {
        Integer claimed;
        try {
            claimed = batch.execute(status -> runClaimed(false));
        } catch (StepFailed failure) {
            claimed = batch.execute(status -> runClaimed(true));
        }
        return claimed == null ? 0 : claimed;
    }

    /** A step failed in a batch run without savepoints: the batch is rolled back, to be run again step by step. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(RuntimeException cause) {
            super(cause);
        }
    }

    private int runClaimed(boolean stepByStep) {
        Instant now = clock.instant();
        List<Step> steps = claim(now);
        if (steps.isEmpty()) {
            return 0;
        }
        history.ready(now);
        if (stepByStep) {
            runEachInItsSavepoint(steps, now);
        } else {
            runTogether(steps);
        }
        return steps.size();
    }

    private void runTogether(List<Step> steps) {
        jdbc.sql("delete from journey_steps where id = any(?)")
                .param(steps.stream().map(Step::id).toArray(Long[]::new))
                .update();
        for (Step step : steps) {
            try {
                runner.run(step);
            } catch (RuntimeException e) {
                throw new StepFailed(e);
            }
        }
    }

    private void runEachInItsSavepoint(List<Step> steps, Instant now) {
        for (Step step : steps) {
            try {
                savepoint.executeWithoutResult(inner -> {
                    jdbc.sql("delete from journey_steps where id = ?")
                            .param(step.id())
                            .update();
                    runner.run(step);
                });
            } catch (RuntimeException e) {
                failed(step, e, now);
            }
        }
    }

    /**
     * The first due steps of running enrolments, in due order. Written so that the only plan is the one a queue needs —
     * the due-time index in order, each step's enrolment looked up, stopping at the batch size — whatever the
     * statistics say: as a plain join, after a large enrolment the planner hashed every enrolment and sorted every due
     * step on each claim (40 ms a claim in the journeys benchmark, most of the database's time).
     */
    private List<Step> claim(Instant now) {
        return jdbc.sql("""
                        select s.id, s.enrolment_id, s.node_id, s.sequence, s.attempts, e.journey_id, e.version,
                               e.customer_id, e.holdout, e.leaving, e.entered_at
                        from journey_steps s
                        cross join lateral (
                            select e.journey_id, e.version, e.customer_id, e.holdout, e.leaving, e.entered_at
                            from journey_enrolments e join journeys j on j.id = e.journey_id
                            where e.id = s.enrolment_id and e.status = 'ACTIVE' and j.status = 'ACTIVE'
                            offset 0) e
                        where s.due_at <= ?
                        order by s.due_at
                        limit ?
                        for update of s skip locked""")
                .params(Timestamp.from(now), BATCH)
                .query((rs, row) -> new Step(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getLong(6),
                        rs.getInt(7),
                        rs.getLong(8),
                        rs.getBoolean(9),
                        rs.getBoolean(10),
                        rs.getTimestamp(11).toInstant()))
                .list();
    }

    private void failed(Step step, RuntimeException error, Instant now) {
        int attempts = step.attempts() + 1;
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        log.warn(
                "Journey step {} (enrolment {}, node {}) failed, attempt {}: {}",
                step.id(),
                step.enrolmentId(),
                step.nodeId(),
                attempts,
                message);
        // backoff 1, 2, 4, 8 minutes; then dead: due never, until retried by hand
        Instant due = attempts >= MAX_ATTEMPTS ? null : now.plus(Duration.ofMinutes(1L << (attempts - 1)));
        jdbc.sql(
                        "update journey_steps set attempts = ?, last_error = ?, due_at = coalesce(cast(? as timestamptz), 'infinity') where id = ?")
                .params(attempts, message, due == null ? null : Timestamp.from(due), step.id())
                .update();
        if (due == null) {
            history.record(step, step.nodeId(), "FAILED", now, Map.of("error", message));
        }
    }
}
