package dev.retain.sales.web;

import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.sales.LostReasons;
import dev.retain.sales.OpportunityStages;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin's page for the funnel: its stages (order, chance, when stuck) and the reasons offered for a loss. */
@Controller
@PreAuthorize(OpportunityStageApiController.ADMIN)
class OpportunityStagePageController {

    private static final String PAGE = "redirect:/admin/opportunity-stages";

    private final OpportunityStages stages;
    private final LostReasons reasons;

    OpportunityStagePageController(OpportunityStages stages, LostReasons reasons) {
        this.stages = stages;
        this.reasons = reasons;
    }

    @GetMapping("/admin/opportunity-stages")
    String page(Model model) {
        model.addAttribute("stages", stages.list());
        model.addAttribute("reasons", reasons.list());
        return "sales/opportunities/stages";
    }

    @PostMapping("/admin/opportunity-stages")
    String create(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) Integer probability,
            @RequestParam(required = false) Integer stuckAfterDays,
            RedirectAttributes redirect) {
        return attempt(
                redirect,
                () -> stages.create(new OpportunityStages.StageSettings(name, null, probability, stuckAfterDays)));
    }

    @PostMapping("/admin/opportunity-stages/{id}")
    String update(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) Integer position,
            @RequestParam(required = false) Integer probability,
            @RequestParam(required = false) Integer stuckAfterDays,
            RedirectAttributes redirect) {
        return attempt(
                redirect,
                () -> stages.update(
                        id, new OpportunityStages.StageSettings(name, position, probability, stuckAfterDays)));
    }

    @PostMapping("/admin/opportunity-stages/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, () -> stages.delete(id));
    }

    @PostMapping("/admin/opportunity-lost-reasons")
    String addReason(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        return attempt(redirect, () -> reasons.add(name));
    }

    @PostMapping("/admin/opportunity-lost-reasons/{id}/delete")
    String deleteReason(@PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, () -> reasons.delete(id));
    }

    private static String attempt(RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("message", "sales.stages.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "error", String.join("; ", e.fieldErrors().values()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return PAGE;
    }
}
