package dev.retain.loyalty;

/**
 * A reward of the catalogue (积分商城): its cost in points, a coupon of {@code campaignId} or a gift, the stock left
 * ({@code null}: unlimited) and whether members can redeem it now.
 */
public record Reward(
        long id,
        String name,
        String description,
        RewardKind kind,
        Long campaignId,
        long points,
        Integer stock,
        boolean active) {}
