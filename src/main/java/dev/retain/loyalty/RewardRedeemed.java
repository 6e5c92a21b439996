package dev.retain.loyalty;

/** What redeeming a reward did: the redemption and the member's points right after (the first answer on a replay). */
public record RewardRedeemed(RewardRedemption redemption, PointsApplied points) {}
