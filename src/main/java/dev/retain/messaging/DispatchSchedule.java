package dev.retain.messaging;

import dev.retain.platform.WorkerThreads;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends due messages every moment, and looks for interrupted sends; off with retain.messaging.worker.enabled=false. */
@Component
@ConditionalOnProperty(name = "retain.messaging.worker.enabled", havingValue = "true", matchIfMissing = true)
class DispatchSchedule {

    private final Dispatcher dispatcher;
    private final WorkerThreads threads;

    DispatchSchedule(Dispatcher dispatcher, @Value("${retain.messaging.worker.threads}") int threads) {
        this.dispatcher = dispatcher;
        this.threads = new WorkerThreads("message-sender", threads);
    }

    @Scheduled(fixedDelayString = "${retain.messaging.worker.delay-ms}", initialDelay = 3000)
    void sendDue() {
        // keep going while there is work
        threads.drain(dispatcher::dispatchDue, 1);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        threads.close();
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 5000)
    void sweepExpiredLeases() {
        dispatcher.sweepExpiredLeases();
    }
}
