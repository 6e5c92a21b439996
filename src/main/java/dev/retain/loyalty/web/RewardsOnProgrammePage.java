package dev.retain.loyalty.web;

import dev.retain.coupons.CouponCampaign;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.loyalty.Reward;
import dev.retain.loyalty.RewardKind;
import dev.retain.loyalty.Rewards;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the programme's page shows of the rewards catalogue, in its own section ({@code loyalty/rewards :: admin}). */
@ControllerAdvice(assignableTypes = LoyaltyPageController.class)
class RewardsOnProgrammePage {

    private final Rewards rewards;
    private final CouponCampaigns campaigns;

    RewardsOnProgrammePage(Rewards rewards, CouponCampaigns campaigns) {
        this.rewards = rewards;
        this.campaigns = campaigns;
    }

    @ModelAttribute
    void catalogue(Model model) {
        List<Reward> all = rewards.all();
        List<CouponCampaign> issuing = campaigns.issuing();
        model.addAttribute("rewards", all);
        model.addAttribute("rewardKinds", RewardKind.values());
        model.addAttribute("rewardCampaigns", issuing);
        if (!model.containsAttribute("rewardErrors")) {
            model.addAttribute("rewardErrors", Map.of());
        }
    }
}
