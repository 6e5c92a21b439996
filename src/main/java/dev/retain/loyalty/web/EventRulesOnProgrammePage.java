package dev.retain.loyalty.web;

import dev.retain.loyalty.EventPreset;
import dev.retain.loyalty.EventRule;
import dev.retain.loyalty.LoyaltyProgramme;
import dev.retain.loyalty.web.EventRulePageController.Form;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the programme's page shows of event rules ({@code loyalty/event-rules :: admin}): the current version's rules,
 * the presets, and the form — empty, holding what was typed after a problem, or a rule to change
 * ({@code ?editEvent=login}).
 */
@ControllerAdvice(assignableTypes = LoyaltyPageController.class)
class EventRulesOnProgrammePage {

    private final LoyaltyProgramme programme;

    EventRulesOnProgrammePage(LoyaltyProgramme programme) {
        this.programme = programme;
    }

    @ModelAttribute
    void eventRules(@RequestParam(required = false) String editEvent, Model model) {
        List<EventRule> rules = programme.currentRule().eventRules();
        model.addAttribute("eventRules", rules);
        model.addAttribute("eventPresets", EventPreset.values());
        Map<String, EventPreset> presets = new HashMap<>();
        rules.forEach(rule -> EventPreset.ofEvent(rule.event()).ifPresent(preset -> presets.put(rule.event(), preset)));
        model.addAttribute("eventRulePresets", presets);
        if (!model.containsAttribute("eventRuleForm")) {
            model.addAttribute(
                    "eventRuleForm",
                    rules.stream()
                            .filter(rule -> rule.event().equals(editEvent))
                            .findFirst()
                            .map(rule -> new Form(
                                    "",
                                    rule.event(),
                                    Objects.toString(rule.label(), ""),
                                    Integer.toString(rule.points()),
                                    Objects.toString(rule.dailyCap(), ""),
                                    Objects.toString(rule.lifetimeCap(), ""),
                                    Objects.toString(rule.propertyKey(), ""),
                                    Objects.toString(rule.propertyValue(), "")))
                            .orElse(Form.EMPTY));
        }
    }
}
