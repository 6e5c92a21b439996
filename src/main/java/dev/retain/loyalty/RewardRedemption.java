package dev.retain.loyalty;

import java.time.Instant;

/**
 * A reward a member redeemed: the REDEMPTION transaction that spent its points, the coupon issued (COUPON) or the
 * gift's status (GIFT), and for a cancelled gift the transaction that gave the points back.
 */
public record RewardRedemption(
        long customerId,
        long transactionId,
        long rewardId,
        String reward,
        RewardKind kind,
        long points,
        Long couponId,
        String couponCode,
        GiftStatus status,
        Instant redeemedAt,
        String redeemedBy,
        Long returnedBy) {}
