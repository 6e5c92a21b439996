package dev.retain.loyalty;

/**
 * A reward as sent to create or change one: {@code campaignId} for a COUPON only; {@code stock} null for unlimited;
 * {@code active} null keeps it as it is (new rewards are active).
 */
public record RewardDraft(
        String name,
        String description,
        RewardKind kind,
        Long campaignId,
        Long points,
        Integer stock,
        Boolean active) {}
