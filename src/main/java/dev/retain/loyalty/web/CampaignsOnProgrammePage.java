package dev.retain.loyalty.web;

import dev.retain.loyalty.Campaign;
import dev.retain.loyalty.LoyaltyCampaigns;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the programme's page shows of points campaigns, in its own section ({@code loyalty/campaigns :: admin}). */
@ControllerAdvice(assignableTypes = LoyaltyPageController.class)
class CampaignsOnProgrammePage {

    private final LoyaltyCampaigns campaigns;
    private final Clock clock;

    CampaignsOnProgrammePage(LoyaltyCampaigns campaigns, Clock clock) {
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** The moment the page is shown: campaigns ending after it can be ended now. */
    @ModelAttribute("campaignsShownAt")
    Instant shownAt() {
        return clock.instant();
    }

    @ModelAttribute("campaigns")
    List<Campaign> campaigns() {
        return campaigns.list();
    }
}
