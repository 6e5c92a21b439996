package dev.retain.segments.web;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.ViewerScope;
import dev.retain.segments.RfmScores;
import dev.retain.segments.RfmSettings;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The RFM page: the 11 segments and the value matrix as of the last run, the settings, and a run on demand. */
@Controller
class RfmPageController {

    private final RfmScores rfm;

    RfmPageController(RfmScores rfm) {
        this.rfm = rfm;
    }

    @GetMapping("/rfm")
    String page(Model model) {
        var segments = rfm.segments();
        long scored =
                segments.values().stream().mapToLong(RfmScores.Group::customers).sum();
        model.addAttribute("segments", segments);
        model.addAttribute("cells", rfm.valueCells());
        model.addAttribute("scored", scored);
        model.addAttribute("run", rfm.lastRun().orElse(null));
        model.addAttribute("settings", rfm.settings());
        return "segments/rfm";
    }

    @PostMapping("/rfm/run")
    @PreAuthorize(AudienceApiController.WRITERS)
    String run(RedirectAttributes redirect) {
        ViewerScope.EVERYTHING.within(rfm::score);
        redirect.addFlashAttribute("message", "rfm.scored");
        return "redirect:/rfm";
    }

    @PostMapping("/rfm/settings")
    @PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
    String settings(
            @RequestParam String method,
            @RequestParam(required = false) Integer windowDays,
            @RequestParam String recencyCuts,
            @RequestParam String frequencyCuts,
            @RequestParam String monetaryCuts,
            Model model,
            RedirectAttributes redirect) {
        try {
            rfm.update(new RfmSettings(method, windowDays, cuts(recencyCuts), cuts(frequencyCuts), cuts(monetaryCuts)));
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            return page(model);
        }
        redirect.addFlashAttribute("message", "segments.saved");
        return "redirect:/rfm";
    }

    private static List<BigDecimal> cuts(String text) {
        try {
            return Arrays.stream(text.split("[,，\\s]+"))
                    .filter(part -> !part.isBlank())
                    .map(BigDecimal::new)
                    .toList();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cuts", "'" + text + "' is not a list of numbers");
        }
    }
}
