package dev.retain.messaging;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends due messages every moment, and looks for interrupted sends; off with retain.messaging.worker.enabled=false. */
@Component
@ConditionalOnProperty(name = "retain.messaging.worker.enabled", havingValue = "true", matchIfMissing = true)
class DispatchSchedule {

    private final Dispatcher dispatcher;

    DispatchSchedule(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${retain.messaging.worker.delay-ms}", initialDelay = 3000)
    void sendDue() {
        while (dispatcher.dispatchDue() > 0) {
            // keep going while there is work
        }
    }

    @Scheduled(fixedDelay = 30_000, initialDelay = 5000)
    void sweepExpiredLeases() {
        dispatcher.sweepExpiredLeases();
    }
}
