package dev.retain.tasks;

import java.time.Instant;

/** A follow-up on a customer; {@code assigneeId} is null when nobody owns the customer. */
public record Task(
        long id,
        long customerId,
        String customerName,
        Long assigneeId,
        String kind,
        String title,
        String note,
        Instant dueAt,
        String status,
        String sourceRef,
        Instant createdAt,
        Instant doneAt) {}
