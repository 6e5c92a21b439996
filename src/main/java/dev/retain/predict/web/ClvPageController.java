package dev.retain.predict.web;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.ViewerScope;
import dev.retain.predict.ClvFits;
import dev.retain.predict.ClvModelCheck;
import dev.retain.predict.NightlyClvScoring;
import dev.retain.predict.TimeUnitOfFit;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lifetime-value model page: the fit behind the current scores with standard errors, a model check on a
 * calibration and a holdout period (table and chart), and a refit on demand.
 */
@Controller
class ClvPageController {

    /** The default calibration end leaves this much history for the holdout period. */
    private static final int DEFAULT_HOLDOUT_DAYS = 182;

    private final ClvFits fits;
    private final ClvModelCheck check;
    private final NightlyClvScoring scoring;
    private final CompanyZone zone;
    private final Clock clock;

    ClvPageController(ClvFits fits, ClvModelCheck check, NightlyClvScoring scoring, CompanyZone zone, Clock clock) {
        this.fits = fits;
        this.check = check;
        this.scoring = scoring;
        this.zone = zone;
        this.clock = clock;
    }

    @GetMapping("/predict")
    String predict() {
        return "redirect:/predict/clv";
    }

    @GetMapping("/predict/clv")
    String page(@RequestParam(required = false) Long check, Model model) {
        LocalDate today = zone.today(clock);
        model.addAttribute("current", fits.latest(false).map(ClvFitView::of).orElse(null));
        model.addAttribute(
                "check",
                (check == null ? fits.latest(true) : fits.find(check).filter(fit -> fit.holdout() != null))
                        .map(ClvFitView::of)
                        .orElse(null));
        model.addAttribute(
                "checks",
                fits.recent(50).stream()
                        .filter(fit -> fit.holdout() != null)
                        .limit(10)
                        .map(ClvFitView::of)
                        .toList());
        model.asMap().putIfAbsent("calibrationEnd", today.minusDays(DEFAULT_HOLDOUT_DAYS));
        model.asMap().putIfAbsent("holdoutEnd", today);
        model.asMap().putIfAbsent("unit", TimeUnitOfFit.WEEKS.name());
        return "predict/clv";
    }

    @PostMapping("/predict/clv/checks")
    @PreAuthorize(ClvModelApiController.CHECKERS)
    String check(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate calibrationEnd,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate holdoutEnd,
            @RequestParam(defaultValue = "WEEKS") String unit,
            Model model) {
        try {
            long id = ViewerScope.EVERYTHING
                    .within(() -> check.check(calibrationEnd, holdoutEnd, TimeUnitOfFit.parse(unit)))
                    .id();
            return "redirect:/predict/clv?check=" + id + "#holdout";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
            model.addAttribute("calibrationEnd", calibrationEnd);
            model.addAttribute("holdoutEnd", holdoutEnd);
            model.addAttribute("unit", unit);
            return page(null, model);
        }
    }

    @PostMapping("/predict/clv/runs")
    @PreAuthorize(ClvModelApiController.RUNNERS)
    String run(RedirectAttributes redirect) {
        ViewerScope.EVERYTHING.within(scoring::run);
        redirect.addFlashAttribute("message", "clv.rescored");
        return "redirect:/predict/clv";
    }
}
