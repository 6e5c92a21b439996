package dev.retain.sales;

import java.time.Instant;

/**
 * One follow-up of a customer: how ({@code kind}), what was said ({@code content}), how it went ({@code outcome}, may
 * be null), when to follow up next (may be null), the task it closed (may be null), and who recorded it when.
 */
public record FollowUp(
        long id,
        long customerId,
        FollowUpKind kind,
        String content,
        String outcome,
        Instant nextFollowUpAt,
        Long taskId,
        String author,
        Instant createdAt) {}
