package dev.retain.messaging;

import java.time.Instant;

/** One message in the delivery log, with what happened to it. */
public record Delivery(
        long id,
        long customerId,
        Channel channel,
        long templateId,
        String sourceRef,
        boolean marketing,
        String idempotencyKey,
        DeliveryStatus status,
        String reason,
        String recipient,
        String subject,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant dueAt,
        Instant sentAt,
        Instant failedAt,
        Instant openedAt,
        int opens,
        Instant clickedAt,
        int clicks,
        Instant unsubscribedAt) {}
