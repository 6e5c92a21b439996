package dev.retain.loyalty.web;

import dev.retain.loyalty.CampaignDraft;
import dev.retain.loyalty.LoyaltyCampaigns;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The campaigns section of the programme's page: adding a campaign (积分活动) and ending one early. Problems show next
 * to their fields; a campaign's window is read in the company's time zone.
 */
@Controller
class CampaignPageController {

    private final LoyaltyCampaigns campaigns;

    CampaignPageController(LoyaltyCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    @PostMapping("/admin/loyalty/campaigns")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String create(
            @RequestParam String name,
            @RequestParam String startsAt,
            @RequestParam String endsAt,
            @RequestParam(required = false) String multiplier,
            @RequestParam(required = false) String bonusPoints,
            @RequestParam(required = false) String minimumAmount,
            @RequestParam(required = false) String category,
            @RequestParam String budget,
            @RequestParam(required = false) String memberLimit,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        var draft = new CampaignDraft(
                name,
                parsed(startsAt, "startsAt", LocalDateTime::parse, "a date and time", errors),
                parsed(endsAt, "endsAt", LocalDateTime::parse, "a date and time", errors),
                parsed(multiplier, "multiplier", BigDecimal::new, "a number", errors),
                parsed(bonusPoints, "bonusPoints", Long::valueOf, "a whole number", errors),
                parsed(minimumAmount, "minimumAmount", BigDecimal::new, "an amount", errors),
                category == null || category.isBlank() ? null : category.strip(),
                parsed(budget, "budget", Long::valueOf, "a whole number", errors),
                parsed(memberLimit, "memberLimit", Long::valueOf, "a whole number", errors));
        if (errors.isEmpty()) {
            try {
                campaigns.create(draft);
                redirect.addFlashAttribute("message", "loyalty.campaigns.added");
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
        }
        redirect.addFlashAttribute("errors", errors);
        return "redirect:/admin/loyalty#campaigns-admin";
    }

    @PostMapping("/admin/loyalty/campaigns/{id}/end")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String end(@PathVariable long id, RedirectAttributes redirect) {
        try {
            campaigns.end(id);
            redirect.addFlashAttribute("message", "loyalty.campaigns.ended");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("errors", Map.of("campaign", e.getMessage()));
        }
        return "redirect:/admin/loyalty#campaigns-admin";
    }

    /** The value, or null when left empty; a value that does not parse is a problem of its field. */
    private static <T> T parsed(
            String value, String field, Function<String, T> parse, String expected, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse.apply(value.strip());
        } catch (NumberFormatException | DateTimeParseException e) {
            errors.put(field, "'" + value + "' is not " + expected);
            return null;
        }
    }
}
