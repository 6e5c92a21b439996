package dev.retain.messaging;

import dev.retain.platform.DueWork;
import dev.retain.platform.WorkerThreads;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends due messages every moment, and looks for interrupted sends; off with retain.messaging.worker.enabled=false. */
@Component
@ConditionalOnProperty(name = "retain.messaging.worker.enabled", havingValue = "true", matchIfMissing = true)
class DispatchSchedule implements DueWork {

    private final Dispatcher dispatcher;
    private final WorkerThreads threads;

    DispatchSchedule(
            Dispatcher dispatcher,
            @Value("${retain.messaging.worker.threads}") int threads,
            @Value("${retain.messaging.worker.delay-ms}") long delayMillis) {
        this.dispatcher = dispatcher;
        // any delivery claimed: keep going, more may be due
        this.threads = new WorkerThreads(
                "message-sender", threads, dispatcher::dispatchDue, 1, Duration.ofMillis(delayMillis));
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

    @Override
    public int runDue() {
        return dispatcher.dispatchDue();
    }

    /**
     * On every instance, as the senders are (their batches are claimed with SKIP LOCKED): one conditional update, so a
     * delivery is put in doubt once whichever instance sweeps first.
     */
    @Scheduled(fixedDelay = 30_000, initialDelay = 5000)
    void sweepExpiredLeases() {
        dispatcher.sweepExpiredLeases();
    }
}
