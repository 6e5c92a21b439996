package dev.retain.loyalty.web;

import dev.retain.loyalty.EventRuleDraft;
import dev.retain.loyalty.LoyaltyProgramme;
import dev.retain.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The event rules of the programme's page (按事件积分): adding or changing the rule of an event name, from a preset or
 * by hand, and removing one. Each change is a new version of the earning rules. Problems show next to their fields
 * (under {@code eventRule.}), with what was typed kept.
 */
@Controller
class EventRulePageController {

    static final String SECTION = "redirect:/admin/loyalty#event-rules";

    private final LoyaltyProgramme programme;

    EventRulePageController(LoyaltyProgramme programme) {
        this.programme = programme;
    }

    /** What the rule form holds, as typed. */
    record Form(
            String preset,
            String event,
            String label,
            String points,
            String dailyCap,
            String lifetimeCap,
            String propertyKey,
            String propertyValue) {

        static final Form EMPTY = new Form("", "", "", "", "", "", "", "");
    }

    @PostMapping("/admin/loyalty/event-rules")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String save(
            @RequestParam(defaultValue = "") String preset,
            @RequestParam(defaultValue = "") String event,
            @RequestParam(defaultValue = "") String label,
            @RequestParam(defaultValue = "") String points,
            @RequestParam(defaultValue = "") String dailyCap,
            @RequestParam(defaultValue = "") String lifetimeCap,
            @RequestParam(defaultValue = "") String propertyKey,
            @RequestParam(defaultValue = "") String propertyValue,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        var draft = new EventRuleDraft(
                preset,
                event,
                label,
                number(points, "points", errors),
                number(dailyCap, "dailyCap", errors),
                number(lifetimeCap, "lifetimeCap", errors),
                propertyKey,
                propertyValue);
        if (errors.isEmpty()) {
            try {
                programme.putEventRule(draft);
                redirect.addFlashAttribute("message", "loyalty.eventRules.saved");
            } catch (InvalidInputException e) {
                e.fieldErrors().forEach((field, message) -> errors.put("eventRule." + field, message));
            }
        }
        if (!errors.isEmpty()) {
            redirect.addFlashAttribute(
                    "eventRuleForm",
                    new Form(preset, event, label, points, dailyCap, lifetimeCap, propertyKey, propertyValue));
        }
        redirect.addFlashAttribute("errors", errors);
        return SECTION;
    }

    @PostMapping("/admin/loyalty/event-rules/remove")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    String remove(@RequestParam String event, RedirectAttributes redirect) {
        try {
            programme.removeEventRule(event);
            redirect.addFlashAttribute("message", "loyalty.eventRules.removed");
            redirect.addFlashAttribute("errors", Map.of());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "errors", Map.of("eventRule.event", e.fieldErrors().get("event")));
        }
        return SECTION;
    }

    /** A whole number, null when left empty; anything else is a problem of its field. */
    private static Integer number(String value, String field, Map<String, String> errors) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.put("eventRule." + field, "'" + value + "' is not a whole number");
            return null;
        }
    }
}
