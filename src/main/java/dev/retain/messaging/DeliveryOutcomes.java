package dev.retain.messaging;

import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what became of a send attempt and publishes it, in one transaction: a crash between the two cannot lose the
 * event (the publication registry keeps it) nor publish one for a change that was not committed.
 */
@Component
class DeliveryOutcomes {

    private final DeliveryTable table;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeliveryOutcomes(DeliveryTable table, ApplicationEventPublisher events, Clock clock) {
        this.table = table;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    void sent(DeliveryTable.Claimed delivery, OutgoingMessage message, DeliveryStatus status) {
        if (table.markSent(delivery.id(), message.recipient(), message.subject(), status, clock.instant())) {
            events.publishEvent(
                    new MessageSent(delivery.id(), delivery.customerId(), delivery.channel(), delivery.sourceRef()));
        }
    }

    @Transactional
    void failed(DeliveryTable.Claimed delivery, SendFailure failure, Backoff backoff) {
        Instant now = clock.instant();
        String error = failure.getMessage();
        if (failure.permanent() || delivery.attempts() >= backoff.maxAttempts()) {
            if (table.markDead(delivery.id(), error, now)) {
                events.publishEvent(
                        new MessageFailed(delivery.id(), delivery.customerId(), delivery.sourceRef(), error));
            }
        } else {
            table.markRetry(delivery.id(), error, now.plus(backoff.after(delivery.attempts())));
        }
    }

    @Transactional
    void suppressed(DeliveryTable.Claimed delivery, String reason) {
        table.markSuppressed(delivery.id(), reason);
    }

    @Transactional
    void deferred(DeliveryTable.Claimed delivery, Instant until) {
        table.defer(delivery.id(), until);
    }

    /** Puts deliveries whose sender stopped mid-send in the dead-letter list as in doubt; returns how many. */
    @Transactional
    int markInDoubt() {
        var inDoubt = table.markExpiredLeasesInDoubt(clock.instant());
        inDoubt.forEach(delivery -> events.publishEvent(
                new MessageFailed(delivery.id(), delivery.customerId(), delivery.sourceRef(), delivery.lastError())));
        return inDoubt.size();
    }
}
