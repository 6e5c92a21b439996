package dev.retain.loyalty;

/**
 * What a redemption, an earning or an adjustment did: its transaction, the points it moved and the member's wallet
 * right after. Asked again with the same idempotency key, the same answer, with {@code replayed} set.
 */
public record PointsApplied(
        long transactionId,
        long customerId,
        LoyaltyReason reason,
        long points,
        long active,
        long pending,
        boolean replayed) {}
