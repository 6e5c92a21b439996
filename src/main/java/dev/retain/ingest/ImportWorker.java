package dev.retain.ingest;

import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs queued imports one at a time per instance; several instances share the queue. Also fails jobs whose instance
 * died mid-run (no heartbeat for {@link #SILENCE}).
 */
@Component
@ConditionalOnProperty(name = "retain.imports.worker.enabled", havingValue = "true", matchIfMissing = true)
class ImportWorker {

    static final Duration SILENCE = Duration.ofSeconds(30);

    private final ImportJobs jobs;

    ImportWorker(ImportJobs jobs) {
        this.jobs = jobs;
    }

    /** A poller on every instance, not a scheduled job: each queued import is claimed with SKIP LOCKED. */
    @Scheduled(fixedDelay = 1000, initialDelay = 2000)
    void runQueued() {
        while (jobs.claimNext(id -> jobs.execute(jobs.find(id)))) {
            // keep going while there is work
        }
    }

    /** On every instance: one conditional update, so whichever instance sees a silent job first fails it once. */
    @Scheduled(fixedDelay = 15_000, initialDelay = 1000)
    void failAbandoned() {
        jobs.failAbandoned(SILENCE);
    }
}
