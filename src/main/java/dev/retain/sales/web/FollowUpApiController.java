package dev.retain.sales.web;

import dev.retain.sales.FollowUp;
import dev.retain.sales.FollowUpKind;
import dev.retain.sales.FollowUps;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
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

/** {@code /api/v1/customers/{id}/follow-ups}: a customer's follow-ups, newest first, and recording one. */
@RestController
@Tag(name = "Follow-ups")
class FollowUpApiController {

    /** Who follows customers up: everyone who may change customers (analysts only read). */
    static final String RECORDERS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER', 'SALES', 'SERVICE')";

    static final int MAX_PAGE = 200;

    record FollowUpRequest(FollowUpKind kind, String content, String outcome, Instant nextFollowUpAt, Long taskId) {}

    private final FollowUps followUps;

    FollowUpApiController(FollowUps followUps) {
        this.followUps = followUps;
    }

    @GetMapping("/api/v1/customers/{id}/follow-ups")
    List<FollowUp> ofCustomer(
            @PathVariable long id,
            @RequestParam(required = false) Instant before,
            @RequestParam(defaultValue = "50") int limit) {
        return followUps.of(id, before, Math.max(1, Math.min(limit, MAX_PAGE)));
    }

    @PostMapping("/api/v1/customers/{id}/follow-ups")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(RECORDERS)
    FollowUp record(@PathVariable long id, @RequestBody FollowUpRequest request) {
        return followUps.record(
                id,
                new FollowUps.NewFollowUp(
                        request.kind(),
                        request.content(),
                        request.outcome(),
                        request.nextFollowUpAt(),
                        request.taskId()));
    }
}
