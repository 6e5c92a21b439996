package dev.retain.journeys.web;

import dev.retain.journeys.DeadSteps;
import dev.retain.journeys.Enrolments;
import dev.retain.journeys.Journey;
import dev.retain.journeys.JourneyDryRun;
import dev.retain.journeys.JourneyGraphs;
import dev.retain.journeys.JourneyReport;
import dev.retain.journeys.JourneyReports;
import dev.retain.journeys.Journeys;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/journeys}: journeys with their graphs (a changed graph is a new version), their status, enrolment
 * through the API, their report, and the steps that failed for good.
 */
@RestController
@Tag(name = "Journeys")
class JourneyApiController {

    static final String EDITORS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')";

    record JourneyRequest(String name, String description, JsonNode graph) {}

    record StatusRequest(String status) {}

    record EnrolRequest(List<Long> customerIds) {}

    record DryRunRequest(long customerId) {}

    private final Journeys journeys;
    private final JourneyGraphs graphs;
    private final Enrolments enrolments;
    private final JourneyReports reports;
    private final DeadSteps deadSteps;
    private final JourneyDryRun dryRun;

    JourneyApiController(
            Journeys journeys,
            JourneyGraphs graphs,
            Enrolments enrolments,
            JourneyReports reports,
            DeadSteps deadSteps,
            JourneyDryRun dryRun) {
        this.journeys = journeys;
        this.graphs = graphs;
        this.enrolments = enrolments;
        this.reports = reports;
        this.deadSteps = deadSteps;
        this.dryRun = dryRun;
    }

    @GetMapping("/api/v1/journeys")
    List<Journey> list() {
        return journeys.list();
    }

    @GetMapping("/api/v1/journeys/node-types")
    Set<String> nodeTypes() {
        return graphs.nodeTypes();
    }

    @PostMapping("/api/v1/journeys")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(EDITORS)
    Journey create(@RequestBody JourneyRequest request, Principal principal) {
        return journeys.create(request.name(), request.description(), request.graph(), principal.getName());
    }

    @GetMapping("/api/v1/journeys/{id}")
    Journey one(@PathVariable long id) {
        return journeys.find(id);
    }

    @PutMapping("/api/v1/journeys/{id}")
    @PreAuthorize(EDITORS)
    Journey update(@PathVariable long id, @RequestBody JourneyRequest request, Principal principal) {
        return journeys.update(id, request.name(), request.description(), request.graph(), principal.getName());
    }

    @PostMapping("/api/v1/journeys/{id}/status")
    @PreAuthorize(EDITORS)
    Journey status(@PathVariable long id, @RequestBody StatusRequest request) {
        return journeys.setStatus(id, request.status());
    }

    /** The API trigger: enrols the customers the entry limit lets in. */
    @PostMapping("/api/v1/journeys/{id}/enrolments")
    @PreAuthorize(EDITORS)
    Map<String, Integer> enrol(@PathVariable long id, @RequestBody EnrolRequest request) {
        return Map.of("entered", enrolments.enrol(id, request.customerIds(), "api"));
    }

    /** The path the customer would take if they entered today; nothing is done. */
    @PostMapping("/api/v1/journeys/{id}/dry-run")
    JourneyDryRun.Path dryRun(@PathVariable long id, @RequestBody DryRunRequest request) {
        return dryRun.of(id, request.customerId());
    }

    @GetMapping("/api/v1/journeys/{id}/report")
    JourneyReport report(@PathVariable long id) {
        return reports.of(id);
    }

    @GetMapping("/api/v1/journeys/dead-steps")
    List<Map<String, Object>> deadSteps() {
        return deadSteps.list();
    }

    @PostMapping("/api/v1/journeys/dead-steps/{stepId}/retry")
    @PreAuthorize(EDITORS)
    Map<String, Object> retry(@PathVariable long stepId) {
        deadSteps.retry(stepId);
        return Map.of("retried", stepId);
    }
}
