package dev.retain.messaging;

import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.platform.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries. A batch is claimed (marked SENDING with a lease, committed) before anything is sent, so
 * instances sharing the table never send the same delivery; one whose lease expires was interrupted mid-send and is
 * put in doubt, never resent on a guess. Rules are checked again just before sending: an unsubscribe that arrived
 * while the message waited wins, and an SMS due in quiet hours waits for them to end.
 */
@Component
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryTable table;
    private final DeliveryOutcomes outcomes;
    private final SendRules rules;
    private final MessageComposer composer;
    private final Customers customers;
    private final Map<Channel, ChannelSender> senders;
    private final Clock clock;
    private final Backoff backoff;
    private final Duration lease;
    private final int batchSize;

    Dispatcher(
            DeliveryTable table,
            DeliveryOutcomes outcomes,
            SendRules rules,
            MessageComposer composer,
            Customers customers,
            List<ChannelSender> senders,
            Clock clock,
            @Value("${retain.messaging.retry.first-delay}") Duration firstDelay,
            @Value("${retain.messaging.retry.max-delay}") Duration maxDelay,
            @Value("${retain.messaging.retry.max-attempts}") int maxAttempts,
            @Value("${retain.messaging.worker.lease}") Duration lease,
            @Value("${retain.messaging.worker.batch-size}") int batchSize) {
        this.table = table;
        this.outcomes = outcomes;
        this.rules = rules;
        this.composer = composer;
        this.customers = customers;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.clock = clock;
        this.backoff = new Backoff(firstDelay, maxDelay, maxAttempts);
        this.lease = lease;
        this.batchSize = batchSize;
    }

    /** Claims one batch of due deliveries and sends them; returns how many were claimed. */
    int dispatchDue() {
        List<DeliveryTable.Claimed> batch = table.claimDue(clock.instant(), lease, batchSize);
        try {
            batch.forEach(this::dispatch);
        } finally {
            senders.values().forEach(ChannelSender::batchDone);
        }
        return batch.size();
    }

    /** Marks deliveries whose lease expired as in doubt. */
    int sweepExpiredLeases() {
        return outcomes.markInDoubt();
    }

    private void dispatch(DeliveryTable.Claimed delivery) {
        try {
            Optional<Customer> customer = customer(delivery.customerId());
            if (customer.isEmpty()) {
                outcomes.suppressed(delivery, "NO_CUSTOMER");
                return;
            }
            Optional<String> blocker = rules.blocker(customer.get(), delivery.channel(), delivery.marketing());
            if (blocker.isPresent()) {
                outcomes.suppressed(delivery, blocker.get());
                return;
            }
            Instant now = clock.instant();
            Optional<Instant> quietUntil = rules.quietUntil(delivery.channel(), now);
            if (quietUntil.isPresent()) {
                outcomes.deferred(delivery, quietUntil.get());
                return;
            }
            OutgoingMessage message = composer.compose(delivery, customer.get());
            DeliveryStatus status = senders.get(delivery.channel()).send(message);
            outcomes.sent(delivery, message, status);
        } catch (SendFailure failure) {
            log.info("Delivery {} failed (attempt {}): {}", delivery.id(), delivery.attempts(), failure.getMessage());
            outcomes.failed(delivery, failure, backoff);
        } catch (RuntimeException e) {
            log.warn("Delivery {} failed unexpectedly (attempt {})", delivery.id(), delivery.attempts(), e);
            outcomes.failed(delivery, new SendFailure(e.toString(), false, e), backoff);
        }
    }

    private Optional<Customer> customer(long id) {
        try {
            // decrypted at send time: the message goes to the real address
            Customer customer = customers.findToContact(id);
            return Optional.of(
                    customer.mergedInto() == null ? customer : customers.findToContact(customer.mergedInto()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
