package dev.retain.service.sla;

import dev.retain.platform.NotFoundException;
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
 * {@code /api/v1/sla-policies}: the ordered SLA policies (read by the desk, changed by admins and managers), and
 * {@code /api/v1/tickets/{id}/sla}: where a ticket's targets stand. A policy with an invalid condition or target is a
 * problem naming the field, and nothing is written.
 */
@RestController
@Tag(name = "Service desk")
class SlaApiController {

    private static final String READ = "hasAnyRole('ADMIN', 'MANAGER', 'SERVICE', 'SALES')";
    private static final String SETTINGS = "hasAnyRole('ADMIN', 'MANAGER')";

    private final SlaPolicies policies;
    private final TicketSlas slas;

    SlaApiController(SlaPolicies policies, TicketSlas slas) {
        this.policies = policies;
        this.slas = slas;
    }

    @GetMapping("/api/v1/sla-policies")
    @PreAuthorize(READ)
    List<SlaPolicy> list() {
        return policies.list();
    }

    @PostMapping("/api/v1/sla-policies")
    @PreAuthorize(SETTINGS)
    @ResponseStatus(HttpStatus.CREATED)
    SlaPolicy create(@RequestBody(required = false) SlaPolicyDraft draft) {
        return policies.create(draft);
    }

    @GetMapping("/api/v1/sla-policies/{id}")
    @PreAuthorize(READ)
    SlaPolicy find(@PathVariable long id) {
        return policies.find(id);
    }

    @PutMapping("/api/v1/sla-policies/{id}")
    @PreAuthorize(SETTINGS)
    SlaPolicy update(@PathVariable long id, @RequestBody(required = false) SlaPolicyDraft draft) {
        return policies.update(id, draft);
    }

    @DeleteMapping("/api/v1/sla-policies/{id}")
    @PreAuthorize(SETTINGS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        policies.delete(id);
    }

    @GetMapping("/api/v1/tickets/{id}/sla")
    @PreAuthorize(READ)
    TicketSlas.TicketSla ofTicket(@PathVariable long id) {
        return slas.of(id).orElseThrow(() -> new NotFoundException("SLA of ticket", id));
    }
}
