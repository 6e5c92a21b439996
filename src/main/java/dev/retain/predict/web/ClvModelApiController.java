package dev.retain.predict.web;

import dev.retain.platform.NotFoundException;
import dev.retain.platform.ViewerScope;
import dev.retain.predict.ClvFits;
import dev.retain.predict.ClvModelCheck;
import dev.retain.predict.NightlyClvScoring;
import dev.retain.predict.TimeUnitOfFit;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/predict/clv}: the lifetime-value fits with their parameters, standard errors and log-likelihood; model
 * checks on a calibration and a holdout period; a refit and rescore on demand.
 */
@RestController
@Tag(name = "Prediction")
class ClvModelApiController {

    static final String RUNNERS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')";
    static final String CHECKERS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER', 'ANALYST')";

    /** A model check: fit up to {@code calibrationEnd}, compare up to {@code holdoutEnd} (default today). */
    record CheckRequest(LocalDate calibrationEnd, LocalDate holdoutEnd, String unit) {}

    private final ClvFits fits;
    private final ClvModelCheck check;
    private final NightlyClvScoring scoring;

    ClvModelApiController(ClvFits fits, ClvModelCheck check, NightlyClvScoring scoring) {
        this.fits = fits;
        this.check = check;
        this.scoring = scoring;
    }

    @GetMapping("/api/v1/predict/clv/fits")
    List<ClvFitView> recent(@RequestParam(defaultValue = "20") int limit) {
        return fits.recent(Math.max(1, Math.min(limit, 200))).stream()
                .map(ClvFitView::of)
                .toList();
    }

    /** The fit behind the current scores. */
    @GetMapping("/api/v1/predict/clv/fits/latest")
    ClvFitView latest() {
        return fits.latest(false)
                .map(ClvFitView::of)
                .orElseThrow(() -> new NotFoundException("lifetime-value fit", "latest"));
    }

    @GetMapping("/api/v1/predict/clv/fits/{id}")
    ClvFitView one(@PathVariable long id) {
        return fits.find(id).map(ClvFitView::of).orElseThrow(() -> new NotFoundException("lifetime-value fit", id));
    }

    @PostMapping("/api/v1/predict/clv/checks")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(CHECKERS)
    ClvFitView check(@RequestBody CheckRequest request) {
        return ClvFitView.of(ViewerScope.EVERYTHING.within(() ->
                check.check(request.calibrationEnd(), request.holdoutEnd(), TimeUnitOfFit.parse(request.unit()))));
    }

    /** Refits on everything up to today and rescores every buyer, as the nightly run does. */
    @PostMapping("/api/v1/predict/clv/runs")
    @PreAuthorize(RUNNERS)
    ClvFitView run() {
        return one(ViewerScope.EVERYTHING.within(scoring::run).fitId());
    }
}
