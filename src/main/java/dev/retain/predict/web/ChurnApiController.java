package dev.retain.predict.web;

import dev.retain.platform.NotFoundException;
import dev.retain.platform.ViewerScope;
import dev.retain.predict.ChurnBasis;
import dev.retain.predict.ChurnDefinition;
import dev.retain.predict.ChurnModels;
import dev.retain.predict.ChurnScoring;
import dev.retain.predict.ChurnSettings;
import dev.retain.predict.ChurnTraining;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/predict/churn}: the churn definition, the model registry (metrics, training window, features), training
 * and rescoring on demand, roll back; and a customer's churn risk with its reasons.
 */
@RestController
@Tag(name = "Prediction")
class ChurnApiController {

    static final String SETTERS = "hasAnyRole('ADMIN', 'MANAGER')";

    private final ChurnModels models;
    private final ChurnTraining training;
    private final ChurnScoring scoring;
    private final ChurnDefinition definition;
    private final ChurnReasonTexts texts;

    ChurnApiController(
            ChurnModels models,
            ChurnTraining training,
            ChurnScoring scoring,
            ChurnDefinition definition,
            ChurnReasonTexts texts) {
        this.models = models;
        this.training = training;
        this.scoring = scoring;
        this.definition = definition;
        this.texts = texts;
    }

    @GetMapping("/api/v1/customers/{id}/churn-risk")
    Map<String, Object> risk(@PathVariable long id, Locale locale) {
        return scoring.of(id)
                .map(score -> texts.view(score, locale))
                .orElseThrow(() -> new NotFoundException("churn-risk score of customer", id));
    }

    @GetMapping("/api/v1/predict/churn/settings")
    ChurnSettings settings() {
        return definition.settings();
    }

    @PutMapping("/api/v1/predict/churn/settings")
    @PreAuthorize(SETTERS)
    ChurnSettings update(@RequestBody SettingsChange change, Principal principal) {
        return definition.update(change.appliedTo(definition.settings()), principal.getName());
    }

    /** The settings to change; those left out keep their value. */
    record SettingsChange(
            ChurnBasis basis,
            Integer inactiveDays,
            Integer lookbackDays,
            String contractField,
            Integer graceDays,
            Double mediumFrom,
            Double highFrom) {

        ChurnSettings appliedTo(ChurnSettings current) {
            return new ChurnSettings(
                    basis != null ? basis : current.basis(),
                    inactiveDays != null ? inactiveDays : current.inactiveDays(),
                    lookbackDays != null ? lookbackDays : current.lookbackDays(),
                    contractField != null ? contractField : current.contractField(),
                    graceDays != null ? graceDays : current.graceDays(),
                    mediumFrom != null ? mediumFrom : current.mediumFrom(),
                    highFrom != null ? highFrom : current.highFrom());
        }
    }

    @GetMapping("/api/v1/predict/churn/models")
    List<ChurnModels.Registered> list(@RequestParam(defaultValue = "20") int limit) {
        return models.recent(Math.max(1, Math.min(limit, 200)));
    }

    @GetMapping("/api/v1/predict/churn/models/active")
    ChurnModels.Registered active() {
        return models.active().orElseThrow(() -> new NotFoundException("churn model", "active"));
    }

    @GetMapping("/api/v1/predict/churn/models/{id}")
    ChurnModels.Registered one(@PathVariable long id) {
        return models.find(id).orElseThrow(() -> new NotFoundException("churn model", id));
    }

    /** Makes an earlier (or the other) model the active one and rescores everyone with it: the roll back. */
    @PostMapping("/api/v1/predict/churn/models/{id}/activate")
    @PreAuthorize(SETTERS)
    ChurnModels.Registered activate(@PathVariable long id) {
        ChurnModels.Registered activated = models.activate(id);
        ViewerScope.EVERYTHING.within(scoring::score);
        return activated;
    }

    @PostMapping("/api/v1/predict/churn/trainings")
    @PreAuthorize(ClvModelApiController.RUNNERS)
    ChurnTraining.Result train() {
        return ViewerScope.EVERYTHING.within(training::train);
    }

    @PostMapping("/api/v1/predict/churn/scorings")
    @PreAuthorize(ClvModelApiController.RUNNERS)
    ChurnScoring.Run rescore() {
        return ViewerScope.EVERYTHING.within(scoring::score);
    }
}
