package dev.retain.messaging;

import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asking for messages: each request is judged by the {@link SendRules} and written to the delivery log in one
 * transaction with its idempotency key, then sent by the dispatcher. Journeys and the API call {@link #send}.
 */
@Service
public class Messaging {

    /** Serialises requests for one customer, so two concurrent requests cannot both slip under the frequency cap. */
    private static final int CUSTOMER_LOCK_SPACE = 0x6d736731;

    private final DeliveryTable table;
    private final SendRules rules;
    private final Templates templates;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<Channel, BigDecimal> costs;

    Messaging(
            DeliveryTable table,
            SendRules rules,
            Templates templates,
            Customers customers,
            JdbcClient jdbc,
            Clock clock,
            @Value("${retain.messaging.email-cost}") BigDecimal emailCost,
            @Value("${retain.messaging.sms-cost}") BigDecimal smsCost,
            @Value("${retain.messaging.webhook-cost}") BigDecimal webhookCost) {
        this.table = table;
        this.rules = rules;
        this.templates = templates;
        this.customers = customers;
        this.jdbc = jdbc;
        this.clock = clock;
        this.costs = Map.of(Channel.EMAIL, emailCost, Channel.SMS, smsCost, Channel.WEBHOOK, webhookCost);
    }

    /**
     * Queues a message. Idempotent on idempotencyKey: a second call returns the first result. Checks
     * suppression/consent, the frequency cap (marketing messages only) and quiet hours (deferred).
     */
    @Transactional
    public SendResult send(Outbound message) {
        check(message);
        Instant now = clock.instant();
        Optional<Long> claimed = table.claimKey(message.idempotencyKey(), now);
        if (claimed.isEmpty()) {
            long first = table.deliveryOfKey(message.idempotencyKey());
            return table.resultOf(first)
                    .orElseGet(() -> new SendResult(first, SendResult.Status.QUEUED, "asked for before", null));
        }
        Customer customer = customers.find(message.customerId());
        if (customer.mergedInto() != null) {
            customer = customers.find(customer.mergedInto());
        }
        // the real address, even when the one asking sees it masked: the message goes to it
        customer = customers.findToContact(customer.id());
        Outbound addressed = new Outbound(
                message.channel(),
                customer.id(),
                message.templateId(),
                message.variables(),
                message.idempotencyKey(),
                message.sourceRef(),
                message.marketing());
        jdbc.sql("select pg_advisory_xact_lock(?, ?)")
                .params(CUSTOMER_LOCK_SPACE, Long.hashCode(customer.id()))
                .query()
                .listOfRows();
        SendRules.Verdict verdict = rules.judge(addressed, customer, now);
        table.insert(
                new DeliveryTable.NewDelivery(
                        claimed.get(),
                        addressed,
                        verdict.outcome(),
                        verdict.reason(),
                        verdict.status(),
                        verdict.dueAt(),
                        Personalisation.address(customer, message.channel())),
                now);
        return new SendResult(claimed.get(), verdict.outcome(), verdict.reason(), verdict.dueAt());
    }

    public Optional<Delivery> delivery(long id) {
        return table.find(id);
    }

    /** How the messages whose source starts with the prefix fared (e.g. {@code "journey:12:"}), with their cost. */
    public DeliveryCounts countsFor(String sourceRefPrefix) {
        long requested = 0, queued = 0, sent = 0, failed = 0, notSent = 0, opened = 0, clicked = 0, unsubscribed = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (Map<String, Object> row : table.countsBySource(sourceRefPrefix == null ? "" : sourceRefPrefix)) {
            long channelSent = number(row, "sent");
            requested += number(row, "requested");
            queued += number(row, "queued");
            sent += channelSent;
            failed += number(row, "failed");
            notSent += number(row, "not_sent");
            opened += number(row, "opened");
            clicked += number(row, "clicked");
            unsubscribed += number(row, "unsubscribed");
            cost = cost.add(
                    costs.get(Channel.valueOf((String) row.get("channel"))).multiply(BigDecimal.valueOf(channelSent)));
        }
        return new DeliveryCounts(requested, queued, sent, failed, notSent, opened, clicked, unsubscribed, cost);
    }

    private void check(Outbound message) {
        var errors = new LinkedHashMap<String, String>();
        if (message.channel() == null) {
            errors.put("channel", "must be one of EMAIL, SMS, WEBHOOK");
        }
        if (message.idempotencyKey() == null || message.idempotencyKey().isBlank()) {
            errors.put("idempotencyKey", "must not be blank");
        } else if (message.idempotencyKey().length() > 300) {
            errors.put("idempotencyKey", "at most 300 characters");
        }
        if (message.sourceRef() != null && message.sourceRef().length() > 300) {
            errors.put("sourceRef", "at most 300 characters");
        }
        try {
            MessageTemplate template = templates.find(message.templateId());
            if (message.channel() != null && template.channel() != message.channel()) {
                errors.put("templateId", "template " + template.id() + " is for " + template.channel());
            }
        } catch (NotFoundException e) {
            errors.put("templateId", e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
