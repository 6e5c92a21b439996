package dev.retain.loyalty;

import java.time.Instant;

/**
 * One transaction of a member's ledger as the member sees it: how their spendable and pending points changed, and
 * what they were right after.
 */
public record LedgerLine(
        long id,
        Instant at,
        LoyaltyReason reason,
        long activeChange,
        long pendingChange,
        long activeAfter,
        long pendingAfter,
        Long orderId,
        String note,
        String actor,
        String idempotencyKey) {}
