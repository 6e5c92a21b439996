package dev.retain.loyalty.web;

import dev.retain.loyalty.Badge;
import dev.retain.loyalty.BadgeDraft;
import dev.retain.loyalty.Badges;
import dev.retain.loyalty.ReferralSettings;
import dev.retain.loyalty.Referrals;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The badges and referrals section of the programme's page: saving a badge (a new name makes one, a name already there
 * changes it), turning one on or off, and the referrals' settings. Problems show next to their fields.
 */
@Controller
class BadgePageController {

    private final Badges badges;
    private final Referrals referrals;
    private final ObjectMapper json;

    BadgePageController(Badges badges, Referrals referrals, ObjectMapper json) {
        this.badges = badges;
        this.referrals = referrals;
        this.json = json;
    }

    @PostMapping("/admin/loyalty/badges")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String save(
            @RequestParam String name,
            @RequestParam(required = false) String description,
            @RequestParam(defaultValue = "0") String points,
            @RequestParam String condition,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer parsedPoints = number(points, "points", errors);
        JsonNode rule = null;
        try {
            rule = json.readTree(condition);
        } catch (JacksonException e) {
            errors.put("condition", "not JSON: " + e.getOriginalMessage());
        }
        if (errors.isEmpty()) {
            try {
                Optional<Badge> existing = badges.all().stream()
                        .filter(b -> b.name().equals(name.strip()))
                        .findFirst();
                if (existing.isPresent()) {
                    badges.update(existing.get().id(), new BadgeDraft(name, description, parsedPoints, true, rule));
                } else {
                    badges.create(new BadgeDraft(name, description, parsedPoints, true, rule));
                }
                redirect.addFlashAttribute("message", "badges.saved");
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
        }
        redirect.addFlashAttribute("errors", errors);
        return "redirect:/admin/loyalty#badges-admin";
    }

    @PostMapping("/admin/loyalty/badges/{id}/active")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String activate(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
        try {
            badges.activate(id, active);
            redirect.addFlashAttribute("message", "badges.saved");
        } catch (NotFoundException | InvalidInputException e) {
            redirect.addFlashAttribute("errors", Map.of("name", e.getMessage()));
        }
        return "redirect:/admin/loyalty#badges-admin";
    }

    @PostMapping("/admin/loyalty/referrals")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String referralSettings(
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam String referrerPoints,
            @RequestParam String friendPoints,
            @RequestParam String minimumAmount,
            @RequestParam String dailyCap,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer referrer = number(referrerPoints, "referrerPoints", errors);
        Integer friend = number(friendPoints, "friendPoints", errors);
        Integer cap = number(dailyCap, "dailyCap", errors);
        BigDecimal minimum = null;
        try {
            minimum = new BigDecimal(minimumAmount.strip());
        } catch (NumberFormatException e) {
            errors.put("minimumAmount", "'" + minimumAmount + "' is not an amount");
        }
        if (errors.isEmpty()) {
            try {
                referrals.update(new ReferralSettings.Change(enabled, referrer, friend, minimum, cap));
                redirect.addFlashAttribute("message", "referrals.saved");
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
        }
        redirect.addFlashAttribute("errors", errors);
        return "redirect:/admin/loyalty#referrals-admin";
    }

    private static Integer number(String value, String field, Map<String, String> errors) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "'" + value + "' is not a whole number");
            return null;
        }
    }
}
