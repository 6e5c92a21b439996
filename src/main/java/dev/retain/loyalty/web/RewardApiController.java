package dev.retain.loyalty.web;

import dev.retain.loyalty.GiftStatus;
import dev.retain.loyalty.Reward;
import dev.retain.loyalty.RewardDraft;
import dev.retain.loyalty.RewardKind;
import dev.retain.loyalty.RewardRedeemed;
import dev.retain.loyalty.RewardRedemptions;
import dev.retain.loyalty.Rewards;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/loyalty/rewards}: the rewards catalogue, and redeeming a reward for a member — idempotent by its key,
 * a 409 problem when the points or the stock are short.
 */
@RestController
@Tag(name = "Loyalty")
class RewardApiController {

    /** A reward to redeem, and a key unique to the request (the same when it is retried). */
    record RewardRedemptionRequest(Long rewardId, String idempotencyKey) {}

    /** What redeeming did: the reward, its coupon or the gift's status, and the member's points right after. */
    record Redeemed(
            long transactionId,
            long customerId,
            long rewardId,
            String reward,
            RewardKind kind,
            long points,
            Long couponId,
            String couponCode,
            GiftStatus status,
            Instant redeemedAt,
            long active,
            long pending) {

        static Redeemed of(RewardRedeemed redeemed) {
            var r = redeemed.redemption();
            return new Redeemed(
                    r.transactionId(),
                    r.customerId(),
                    r.rewardId(),
                    r.reward(),
                    r.kind(),
                    r.points(),
                    r.couponId(),
                    r.couponCode(),
                    r.status(),
                    r.redeemedAt(),
                    redeemed.points().active(),
                    redeemed.points().pending());
        }
    }

    private final Rewards rewards;
    private final RewardRedemptions redemptions;

    RewardApiController(Rewards rewards, RewardRedemptions redemptions) {
        this.rewards = rewards;
        this.redemptions = redemptions;
    }

    /** Every reward, offered ones first. Everyone who may redeem sees the catalogue. */
    @GetMapping("/api/v1/loyalty/rewards")
    @PreAuthorize(LoyaltyAccess.REDEEM)
    List<Reward> rewards() {
        return rewards.all();
    }

    @PostMapping("/api/v1/loyalty/rewards")
    @PreAuthorize(LoyaltyAccess.EARN)
    @ResponseStatus(HttpStatus.CREATED)
    Reward create(@RequestBody RewardDraft draft) {
        return rewards.create(draft);
    }

    /** Changes a reward; {@code "active": false} stops offering it. */
    @PutMapping("/api/v1/loyalty/rewards/{id}")
    @PreAuthorize(LoyaltyAccess.EARN)
    Reward update(@PathVariable long id, @RequestBody RewardDraft draft) {
        return rewards.update(id, draft);
    }

    /**
     * Spends the reward's points and issues its coupon or records its gift: 201; 409 with {@code balance} when the
     * spendable points are fewer, 409 when it is out of stock or not offered; the same key again answers the same.
     */
    @PostMapping("/api/v1/loyalty/members/{id}/reward-redemptions")
    @PreAuthorize(LoyaltyAccess.REDEEM)
    ResponseEntity<Redeemed> redeem(@PathVariable long id, @RequestBody RewardRedemptionRequest request) {
        RewardRedeemed redeemed = redemptions.redeem(id, request.rewardId(), request.idempotencyKey());
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (redeemed.points().replayed()) {
            response.header(LoyaltyApiController.REPLAYED, "true");
        }
        return response.body(Redeemed.of(redeemed));
    }
}
