package dev.retain.loyalty.web;

import dev.retain.coupons.CouponCampaigns;
import dev.retain.loyalty.LoyaltyTiers;
import dev.retain.loyalty.Tier;
import dev.retain.loyalty.TierBasis;
import dev.retain.platform.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tiers section of the programme's page: how members qualify and are reviewed, and the tiers with their benefits
 * — each row kept, changed or removed, and a blank row to add one — saved as a whole, or not at all when anything is
 * wrong.
 */
@Controller
class TierPageController {

    private final LoyaltyTiers tiers;

    TierPageController(LoyaltyTiers tiers) {
        this.tiers = tiers;
    }

    @PostMapping("/admin/loyalty/tiers")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String update(
            @RequestParam TierBasis basis,
            @RequestParam String windowMonths,
            @RequestParam String reviewMonths,
            @RequestParam String graceDays,
            @RequestParam String warningDays,
            @RequestParam(defaultValue = "0") int rows,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Tier> list = new ArrayList<>();
        for (int i = 0; i < Math.min(rows, LoyaltyTiers.MAX_TIERS + 1); i++) {
            String name = form.getOrDefault("name_" + i, "").strip();
            String threshold = form.getOrDefault("threshold_" + i, "").strip();
            if (form.containsKey("remove_" + i) || (name.isEmpty() && threshold.isEmpty())) {
                continue;
            }
            String row = "tier " + (name.isEmpty() ? "#" + (i + 1) : name) + ": ";
            String id = form.getOrDefault("id_" + i, "").strip();
            String campaign = form.getOrDefault("campaign_" + i, "").strip();
            list.add(new Tier(
                    id.isEmpty() ? null : (int) whole(id, row + "id", errors),
                    name,
                    decimal(threshold, row + "threshold", errors),
                    decimal(form.getOrDefault("multiplier_" + i, "1").strip(), row + "multiplier", errors),
                    campaign.isEmpty() ? null : whole(campaign, row + "welcome coupon", errors),
                    whole(form.getOrDefault("birthdayPoints_" + i, "0").strip(), row + "birthday points", errors),
                    form.containsKey("freeShipping_" + i)));
        }
        var change = new LoyaltyTiers.Change(
                basis,
                (int) whole(windowMonths, "windowMonths", errors),
                (int) whole(reviewMonths, "reviewMonths", errors),
                (int) whole(graceDays, "graceDays", errors),
                (int) whole(warningDays, "warningDays", errors),
                list);
        try {
            if (errors.isEmpty()) {
                tiers.update(change);
                redirect.addFlashAttribute("message", "tiers.saved");
            }
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        redirect.addFlashAttribute("tierErrors", errors);
        return "redirect:/admin/loyalty#tiers";
    }

    private static long whole(String value, String field, Map<String, String> errors) {
        try {
            return Long.parseLong(value.isEmpty() ? "0" : value);
        } catch (NumberFormatException e) {
            errors.put(field, "'" + value + "' is not a whole number");
            return 0;
        }
    }

    private static BigDecimal decimal(String value, String field, Map<String, String> errors) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            errors.put(field, "'" + value + "' is not a number");
            return null;
        }
    }

    /** What the programme's page shows of the tiers. */
    @ControllerAdvice(assignableTypes = LoyaltyPageController.class)
    static class OnProgrammePage {

        private final LoyaltyTiers tiers;
        private final CouponCampaigns campaigns;

        OnProgrammePage(LoyaltyTiers tiers, CouponCampaigns campaigns) {
            this.tiers = tiers;
            this.campaigns = campaigns;
        }

        @ModelAttribute
        void tiers(Model model) {
            model.addAttribute("tierProgramme", tiers.programme());
            model.addAttribute("tierBases", TierBasis.values());
            model.addAttribute("tierCampaigns", campaigns.list());
            if (!model.containsAttribute("tierErrors")) {
                model.addAttribute("tierErrors", Map.of());
            }
        }
    }
}
