package dev.retain.loyalty.web;

import dev.retain.customers.ProfileSection;
import dev.retain.loyalty.Loyalty;
import dev.retain.loyalty.LoyaltyTiers;
import dev.retain.loyalty.RewardRedemptions;
import dev.retain.loyalty.Rewards;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The customer's points on the customer page: spendable, pending, expiring within 30 days, the tier with the progress
 * to the next and its review date, the latest ledger lines and rewards redeemed, redeeming a reward or points as a
 * discount (for those who serve customers), and (for admins and managers) a gift marked sent or cancelled and an
 * adjustment by hand, whose form carries its own idempotency key so a double
 * submission applies once.
 */
@Component
class LoyaltyOnProfile implements ProfileSection {

    static final int SHOWN = 5;

    private final Loyalty loyalty;
    private final LoyaltyTiers tiers;
    private final Rewards rewards;
    private final RewardRedemptions redemptions;

    LoyaltyOnProfile(Loyalty loyalty, LoyaltyTiers tiers, Rewards rewards, RewardRedemptions redemptions) {
        this.loyalty = loyalty;
        this.tiers = tiers;
        this.rewards = rewards;
        this.redemptions = redemptions;
    }

    @Override
    public int order() {
        return 9;
    }

    @Override
    public String fragment() {
        return "loyalty/profile :: points";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of(
                "customerId",
                customerId,
                "wallet",
                loyalty.wallet(customerId),
                "lines",
                loyalty.linesBefore(customerId, null, SHOWN),
                "adjustmentKey",
                "page:" + UUID.randomUUID(),
                "tier",
                tiers.member(customerId),
                "rewards",
                rewards.offered(),
                "rewardRedemptions",
                redemptions.ofMember(customerId, SHOWN),
                "rewardKey",
                "page:" + UUID.randomUUID(),
                "redeemKey",
                "page:" + UUID.randomUUID());
    }
}
