package dev.retain.loyalty.web;

import dev.retain.loyalty.Loyalty;
import dev.retain.loyalty.RewardDraft;
import dev.retain.loyalty.RewardKind;
import dev.retain.loyalty.RewardRedeemed;
import dev.retain.loyalty.RewardRedemptions;
import dev.retain.loyalty.Rewards;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Rewards on the pages: the catalogue's section of the programme's page (create, edit, offer or stop offering), and on
 * the customer page's points card redeeming a reward or points as a discount, and a gift marked sent or cancelled. The
 * result or the problem shows on the card.
 */
@Controller
class RewardPageController {

    private final Rewards rewards;
    private final RewardRedemptions redemptions;
    private final Loyalty loyalty;

    RewardPageController(Rewards rewards, RewardRedemptions redemptions, Loyalty loyalty) {
        this.rewards = rewards;
        this.redemptions = redemptions;
        this.loyalty = loyalty;
    }

    @PostMapping("/admin/loyalty/rewards")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String create(
            @RequestParam String name,
            @RequestParam(required = false) String description,
            @RequestParam RewardKind kind,
            @RequestParam(required = false) Long campaignId,
            @RequestParam String points,
            @RequestParam(required = false) String stock,
            RedirectAttributes redirect) {
        return save(null, name, description, kind, campaignId, points, stock, redirect);
    }

    @PostMapping("/admin/loyalty/rewards/{id}")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String update(
            @PathVariable long id,
            @RequestParam String name,
            @RequestParam(required = false) String description,
            @RequestParam RewardKind kind,
            @RequestParam(required = false) Long campaignId,
            @RequestParam String points,
            @RequestParam(required = false) String stock,
            RedirectAttributes redirect) {
        return save(id, name, description, kind, campaignId, points, stock, redirect);
    }

    @PostMapping("/admin/loyalty/rewards/{id}/active")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String activate(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
        try {
            rewards.activate(id, active);
            redirect.addFlashAttribute("message", "rewards.saved");
        } catch (NotFoundException | InvalidInputException e) {
            redirect.addFlashAttribute("rewardErrors", Map.of("name", e.getMessage()));
        }
        return "redirect:/admin/loyalty#rewards-admin";
    }

    private String save(
            Long id,
            String name,
            String description,
            RewardKind kind,
            Long campaignId,
            String points,
            String stock,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Long cost = whole(points, "points", errors);
        Long left = stock == null || stock.isBlank() ? null : whole(stock, "stock", errors);
        if (left != null && (left < 0 || left > Rewards.MAX_STOCK)) {
            errors.put("stock", "from 0 to " + Rewards.MAX_STOCK + ", or empty for unlimited");
        }
        Long campaign = kind == RewardKind.COUPON ? campaignId : null;
        if (errors.isEmpty()) {
            try {
                var draft = new RewardDraft(
                        name, description, kind, campaign, cost, left == null ? null : left.intValue(), null);
                if (id == null) {
                    rewards.create(draft);
                } else {
                    rewards.update(id, draft);
                }
                redirect.addFlashAttribute("message", "rewards.saved");
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            } catch (NotFoundException e) {
                errors.put("name", e.getMessage());
            }
        }
        redirect.addFlashAttribute("rewardErrors", errors);
        return "redirect:/admin/loyalty#rewards-admin";
    }

    /** A reward redeemed from the customer page; the form carries its own key, so a double submission applies once. */
    @PostMapping("/customers/{customerId}/loyalty/reward-redemptions")
    @PreAuthorize(LoyaltyAccess.REDEEM)
    String redeemReward(
            @PathVariable long customerId,
            @RequestParam String idempotencyKey,
            @RequestParam(required = false) Long rewardId,
            RedirectAttributes redirect) {
        return PointsCardForms.backToCard(customerId, redirect, () -> {
            RewardRedeemed redeemed = redemptions.redeem(customerId, rewardId, idempotencyKey);
            redirect.addFlashAttribute("rewardRedeemed", redeemed.redemption());
        });
    }

    /** Points redeemed as a discount from the customer page, with a note saying what for. */
    @PostMapping("/customers/{customerId}/loyalty/redemptions")
    @PreAuthorize(LoyaltyAccess.REDEEM)
    String redeemPoints(
            @PathVariable long customerId,
            @RequestParam String idempotencyKey,
            @RequestParam String points,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return PointsCardForms.backToCard(
                customerId,
                redirect,
                () -> redirect.addFlashAttribute(
                        "pointsRedeemed",
                        loyalty.redeem(customerId, idempotencyKey, PointsCardForms.points(points), note)
                                .points()));
    }

    @PostMapping("/customers/{customerId}/loyalty/reward-redemptions/{transactionId}/sent")
    @PreAuthorize(LoyaltyAccess.ADJUST)
    String markSent(@PathVariable long customerId, @PathVariable long transactionId, RedirectAttributes redirect) {
        return PointsCardForms.backToCard(customerId, redirect, () -> redemptions.markSent(customerId, transactionId));
    }

    @PostMapping("/customers/{customerId}/loyalty/reward-redemptions/{transactionId}/cancel")
    @PreAuthorize(LoyaltyAccess.ADJUST)
    String cancel(@PathVariable long customerId, @PathVariable long transactionId, RedirectAttributes redirect) {
        return PointsCardForms.backToCard(customerId, redirect, () -> redemptions.cancel(customerId, transactionId));
    }

    private static Long whole(String value, String field, Map<String, String> errors) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "'" + value + "' is not a whole number");
            return null;
        }
    }
}
