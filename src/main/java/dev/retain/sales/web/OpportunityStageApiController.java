package dev.retain.sales.web;

import dev.retain.sales.LostReason;
import dev.retain.sales.LostReasons;
import dev.retain.sales.OpportunityStage;
import dev.retain.sales.OpportunityStages;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/opportunity-stages} and {@code /api/v1/opportunity-lost-reasons}: the funnel's stages and the reasons
 * offered for a loss. Those who work with opportunities read them; admins change them.
 */
@RestController
@Tag(name = "Opportunity stages")
class OpportunityStageApiController {

    static final String ADMIN = "hasRole('ADMIN')";

    record ReasonRequest(String name) {}

    private final OpportunityStages stages;
    private final LostReasons reasons;

    OpportunityStageApiController(OpportunityStages stages, LostReasons reasons) {
        this.stages = stages;
        this.reasons = reasons;
    }

    @GetMapping("/api/v1/opportunity-stages")
    @PreAuthorize(OpportunityApiController.SELLERS)
    List<OpportunityStage> list() {
        return stages.list();
    }

    @PostMapping("/api/v1/opportunity-stages")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ADMIN)
    OpportunityStage create(@RequestBody OpportunityStages.StageSettings settings) {
        return stages.create(settings);
    }

    @PutMapping("/api/v1/opportunity-stages/{id}")
    @PreAuthorize(ADMIN)
    OpportunityStage update(@PathVariable long id, @RequestBody OpportunityStages.StageSettings settings) {
        return stages.update(id, settings);
    }

    @DeleteMapping("/api/v1/opportunity-stages/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(ADMIN)
    void delete(@PathVariable long id) {
        stages.delete(id);
    }

    @GetMapping("/api/v1/opportunity-lost-reasons")
    @PreAuthorize(OpportunityApiController.SELLERS)
    List<LostReason> reasons() {
        return reasons.list();
    }

    @PostMapping("/api/v1/opportunity-lost-reasons")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(ADMIN)
    LostReason addReason(@RequestBody ReasonRequest request) {
        return reasons.add(request.name());
    }

    @DeleteMapping("/api/v1/opportunity-lost-reasons/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize(ADMIN)
    void deleteReason(@PathVariable long id) {
        reasons.delete(id);
    }
}
