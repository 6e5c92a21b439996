package dev.retain.messaging.web;

import dev.retain.messaging.Channel;
import dev.retain.messaging.Deliveries;
import dev.retain.messaging.Delivery;
import dev.retain.messaging.DeliveryCounts;
import dev.retain.messaging.DeliveryQuery;
import dev.retain.messaging.DeliveryStatus;
import dev.retain.messaging.Messaging;
import dev.retain.messaging.Outbound;
import dev.retain.messaging.SendResult;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/messages}: asking for a message (idempotent on its key); {@code /api/v1/message-deliveries}: the
 * delivery log with filters, the dead-letter list, retrying a dead letter, and counts per source.
 */
@RestController
@Tag(name = "Messaging")
class MessageApiController {

    /** A message to send; {@code marketing} defaults to true, the safe side: capped and needing consent. */
    record SendRequest(
            Channel channel,
            Long customerId,
            Long templateId,
            Map<String, Object> variables,
            String idempotencyKey,
            String sourceRef,
            Boolean marketing) {}

    private final Messaging messaging;
    private final Deliveries deliveries;

    MessageApiController(Messaging messaging, Deliveries deliveries) {
        this.messaging = messaging;
        this.deliveries = deliveries;
    }

    @PostMapping("/api/v1/messages")
    @PreAuthorize(MessagingRoles.WRITERS)
    SendResult send(@RequestBody SendRequest request) {
        var missing = new LinkedHashMap<String, String>();
        if (request.customerId() == null) {
            missing.put("customerId", "must be given");
        }
        if (request.templateId() == null) {
            missing.put("templateId", "must be given");
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(missing);
        }
        return messaging.send(new Outbound(
                request.channel(),
                request.customerId(),
                request.templateId(),
                request.variables(),
                request.idempotencyKey(),
                request.sourceRef(),
                request.marketing() == null || request.marketing()));
    }

    @GetMapping("/api/v1/message-deliveries")
    PageOf<Delivery> search(
            @RequestParam(required = false) Long customerId,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) Set<DeliveryStatus> status,
            @RequestParam(required = false) String source,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return deliveries.search(new DeliveryQuery(customerId, channel, status, source), page, size);
    }

    @GetMapping("/api/v1/message-deliveries/{id}")
    Delivery find(@PathVariable long id) {
        return deliveries.find(id);
    }

    /** Messages that failed every attempt or whose sending was interrupted (in doubt). */
    @GetMapping("/api/v1/message-deliveries/dead-letters")
    PageOf<Delivery> deadLetters(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return deliveries.search(DeliveryQuery.deadLetters(), page, size);
    }

    @PostMapping("/api/v1/message-deliveries/{id}/retry")
    @PreAuthorize(MessagingRoles.WRITERS)
    Delivery retry(@PathVariable long id) {
        return deliveries.retry(id);
    }

    /** How the messages of a source fared, e.g. {@code source=journey:12:} for a journey. */
    @GetMapping("/api/v1/message-deliveries/counts")
    DeliveryCounts counts(@RequestParam String source) {
        return messaging.countsFor(source);
    }
}
