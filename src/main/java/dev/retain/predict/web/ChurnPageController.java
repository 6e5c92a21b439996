package dev.retain.predict.web;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.ViewerScope;
import dev.retain.predict.ChurnBasis;
import dev.retain.predict.ChurnDefinition;
import dev.retain.predict.ChurnModels;
import dev.retain.predict.ChurnScoring;
import dev.retain.predict.ChurnSettings;
import dev.retain.predict.ChurnTraining;
import java.security.Principal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The churn model page: the active model's metrics on held-out customers and its reliability chart, the bands and what
 * drives the high risks, the registry with roll back, training on demand and the definition.
 */
@Controller
class ChurnPageController {

    private final ChurnModels models;
    private final ChurnTraining training;
    private final ChurnScoring scoring;
    private final ChurnDefinition definition;

    ChurnPageController(ChurnModels models, ChurnTraining training, ChurnScoring scoring, ChurnDefinition definition) {
        this.models = models;
        this.training = training;
        this.scoring = scoring;
        this.definition = definition;
    }

    @GetMapping("/predict/churn")
    String page(Model model) {
        model.addAttribute("active", models.active().orElse(null));
        model.addAttribute("registry", models.recent(20));
        model.addAttribute("bands", scoring.bands());
        model.addAttribute("leadingReasons", scoring.leadingReasons("HIGH"));
        model.asMap().putIfAbsent("settings", definition.settings());
        model.addAttribute("dateFields", definition.dateFields());
        return "predict/churn";
    }

    @PostMapping("/predict/churn/trainings")
    @PreAuthorize(ClvModelApiController.RUNNERS)
    String train(Model model, RedirectAttributes redirect) {
        try {
            ViewerScope.EVERYTHING.within(training::train);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            return page(model);
        }
        redirect.addFlashAttribute("message", "churn.trained");
        return "redirect:/predict/churn";
    }

    @PostMapping("/predict/churn/models/{id}/activate")
    @PreAuthorize(ChurnApiController.SETTERS)
    String activate(@PathVariable long id, RedirectAttributes redirect) {
        models.activate(id);
        ViewerScope.EVERYTHING.within(scoring::score);
        redirect.addFlashAttribute("message", "churn.activated");
        return "redirect:/predict/churn";
    }

    @PostMapping("/predict/churn/settings")
    @PreAuthorize(ChurnApiController.SETTERS)
    String settings(
            @RequestParam ChurnBasis basis,
            @RequestParam int inactiveDays,
            @RequestParam int lookbackDays,
            @RequestParam(required = false) String contractField,
            @RequestParam(defaultValue = "30") int graceDays,
            @RequestParam double mediumFrom,
            @RequestParam double highFrom,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        try {
            definition.update(
                    new ChurnSettings(
                            basis, inactiveDays, lookbackDays, contractField, graceDays, mediumFrom, highFrom),
                    principal.getName());
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            return page(model);
        }
        redirect.addFlashAttribute("message", "segments.saved");
        return "redirect:/predict/churn";
    }
}
