package dev.retain.loyalty.web;

import dev.retain.loyalty.ExpiryPolicy;
import dev.retain.loyalty.LedgerCheck;
import dev.retain.loyalty.Loyalty;
import dev.retain.loyalty.LoyaltyProgramme;
import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.loyalty.LoyaltyProgramme.SettingsChange;
import dev.retain.loyalty.RefundShortfall;
import dev.retain.loyalty.Rounding;
import dev.retain.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The programme's page for admins ({@code /admin/loyalty}): its settings, the earning rules with their versions, and
 * the ledger's check on demand; and the adjustment by hand from the customer page.
 */
@Controller
class LoyaltyPageController {

    private final LoyaltyProgramme programme;
    private final LedgerCheck check;
    private final Loyalty loyalty;

    LoyaltyPageController(LoyaltyProgramme programme, LedgerCheck check, Loyalty loyalty) {
        this.programme = programme;
        this.check = check;
        this.loyalty = loyalty;
    }

    @GetMapping("/admin/loyalty")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String page(@RequestParam(defaultValue = "false") boolean check, Model model) {
        model.addAttribute("settings", programme.settings());
        model.addAttribute("rules", programme.rules());
        model.addAttribute("expiries", ExpiryPolicy.values());
        model.addAttribute("shortfalls", RefundShortfall.values());
        model.addAttribute("roundings", Rounding.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (check) {
            model.addAttribute("check", this.check.run());
        }
        return "loyalty/programme";
    }

    @PostMapping("/admin/loyalty")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String updateSettings(
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(required = false) String earnFrom,
            @RequestParam String pendingDays,
            @RequestParam ExpiryPolicy expiry,
            @RequestParam String expiryMonths,
            @RequestParam String expiryDays,
            @RequestParam RefundShortfall refundShortfall,
            @RequestParam String expiryReminderDays,
            @RequestParam String pointValue,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        var change = new SettingsChange(
                enabled,
                date(earnFrom, "earnFrom", errors),
                number(pendingDays, "pendingDays", errors),
                expiry,
                number(expiryMonths, "expiryMonths", errors),
                number(expiryDays, "expiryDays", errors),
                refundShortfall,
                number(expiryReminderDays, "expiryReminderDays", errors),
                decimal(pointValue, "pointValue", errors));
        try {
            if (errors.isEmpty()) {
                programme.update(change);
                redirect.addFlashAttribute("message", "loyalty.saved");
            }
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        redirect.addFlashAttribute("errors", errors);
        return "redirect:/admin/loyalty";
    }

    @PostMapping("/admin/loyalty/earning-rules")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String addRule(
            @RequestParam String pointsPerUnit,
            @RequestParam Rounding rounding,
            @RequestParam(defaultValue = "0") String firstOrderBonus,
            @RequestParam(defaultValue = "1") String birthdayMultiplier,
            @RequestParam(defaultValue = "") String categoryMultipliers,
            @RequestParam(defaultValue = "") String productMultipliers,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal perUnit = decimal(pointsPerUnit, "pointsPerUnit", errors);
        Integer bonus = number(firstOrderBonus, "firstOrderBonus", errors);
        BigDecimal birthday =
                decimal(birthdayMultiplier.isBlank() ? "1" : birthdayMultiplier, "birthdayMultiplier", errors);
        Map<String, BigDecimal> categories = MultiplierLines.parse(categoryMultipliers, "categoryMultipliers", errors);
        Map<String, BigDecimal> products = MultiplierLines.parse(productMultipliers, "productMultipliers", errors);
        try {
            if (errors.isEmpty()) {
                programme.addRule(new RuleChange(perUnit, rounding, bonus, birthday, categories, products));
                redirect.addFlashAttribute("message", "loyalty.ruleAdded");
            }
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        redirect.addFlashAttribute("errors", errors);
        return "redirect:/admin/loyalty";
    }

    /** An adjustment by hand from the customer page; its problem, if any, shows on the points card. */
    @PostMapping("/customers/{customerId}/loyalty/adjustments")
    @PreAuthorize(LoyaltyAccess.ADJUST)
    String adjust(
            @PathVariable long customerId,
            @RequestParam String idempotencyKey,
            @RequestParam String points,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return PointsCardForms.backToCard(customerId, redirect, () -> {
            var applied = loyalty.adjust(customerId, idempotencyKey, PointsCardForms.points(points), note);
            redirect.addFlashAttribute("pointsAdjusted", applied.points());
        });
    }

    private static Integer number(String value, String field, Map<String, String> errors) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "'" + value + "' is not a whole number");
            return null;
        }
    }

    private static BigDecimal decimal(String value, String field, Map<String, String> errors) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "'" + value + "' is not a number");
            return null;
        }
    }

    private static LocalDate date(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "'" + value + "' is not a date (yyyy-mm-dd)");
            return null;
        }
    }
}
