package dev.retain.loyalty.web;

import dev.retain.loyalty.Badge;
import dev.retain.loyalty.Badges;
import dev.retain.loyalty.Referral;
import dev.retain.loyalty.ReferralSettings;
import dev.retain.loyalty.Referrals;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the programme's page shows of badges and referrals, in its own section ({@code loyalty/badges :: admin}). */
@ControllerAdvice(assignableTypes = LoyaltyPageController.class)
class BadgesOnProgrammePage {

    static final int LATEST_REFERRALS = 50;

    private final Badges badges;
    private final Referrals referrals;

    BadgesOnProgrammePage(Badges badges, Referrals referrals) {
        this.badges = badges;
        this.referrals = referrals;
    }

    @ModelAttribute("badges")
    List<Badge> badges() {
        return badges.all();
    }

    @ModelAttribute("referralSettings")
    ReferralSettings referralSettings() {
        return referrals.settings();
    }

    @ModelAttribute("latestReferrals")
    List<Referral> latestReferrals() {
        return referrals.latest(LATEST_REFERRALS);
    }
}
