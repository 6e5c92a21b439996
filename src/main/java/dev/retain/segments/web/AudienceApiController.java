package dev.retain.segments.web;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import dev.retain.platform.ViewerScope;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.Audiences;
import dev.retain.segments.ConditionFields;
import dev.retain.segments.FullRecompute;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tags} and {@code /api/v1/segments}: the same operations on both — list, create (evaluated at once),
 * change, delete, evaluate, members with why, size over time, entries and exits, export — plus manual tagging and the
 * tag templates.
 */
@RestController
@Tag(name = "Tags and segments")
class AudienceApiController {

    static final String WRITERS = "hasAnyRole('ADMIN', 'MANAGER', 'MARKETER')";

    private final Audiences audiences;
    private final FullRecompute recompute;
    private final ConditionFields fields;
    private final MemberExport export;

    AudienceApiController(Audiences audiences, FullRecompute recompute, ConditionFields fields, MemberExport export) {
        this.audiences = audiences;
        this.recompute = recompute;
        this.fields = fields;
        this.export = export;
    }

    @GetMapping("/api/v1/{kind:tags|segments}")
    List<Audience> list(@PathVariable String kind) {
        return audiences.list(kindOf(kind));
    }

    @PostMapping("/api/v1/{kind:tags|segments}")
    @PreAuthorize(WRITERS)
    @ResponseStatus(HttpStatus.CREATED)
    Audience create(@PathVariable String kind, @RequestBody AudienceDraft draft) {
        return audiences.create(kindOf(kind), draft);
    }

    @GetMapping("/api/v1/{kind:tags|segments}/{id}")
    Audience find(@PathVariable String kind, @PathVariable long id) {
        return audiences.find(kindOf(kind), id);
    }

    @PutMapping("/api/v1/{kind:tags|segments}/{id}")
    @PreAuthorize(WRITERS)
    Audience update(@PathVariable String kind, @PathVariable long id, @RequestBody AudienceDraft draft) {
        return audiences.update(kindOf(kind), id, draft);
    }

    @DeleteMapping("/api/v1/{kind:tags|segments}/{id}")
    @PreAuthorize(WRITERS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String kind, @PathVariable long id) {
        audiences.delete(kindOf(kind), id);
    }

    /** Evaluates it now (a snapshot segment is refreshed); answers the number of entries and exits. */
    @PostMapping("/api/v1/{kind:tags|segments}/{id}/evaluate")
    @PreAuthorize(WRITERS)
    Map<String, Long> evaluate(@PathVariable String kind, @PathVariable long id) {
        return Map.of("changes", audiences.evaluate(kindOf(kind), id));
    }

    @GetMapping("/api/v1/{kind:tags|segments}/{id}/members")
    PageOf<Audiences.Member> members(
            @PathVariable String kind,
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        audiences.find(kindOf(kind), id);
        return audiences.members(id, Math.max(page, 0), Math.min(Math.max(size, 1), 1000));
    }

    /** Members per day over the last {@code days} days. */
    @GetMapping("/api/v1/{kind:tags|segments}/{id}/sizes")
    Map<LocalDate, Long> sizes(
            @PathVariable String kind, @PathVariable long id, @RequestParam(defaultValue = "90") int days) {
        audiences.find(kindOf(kind), id);
        return audiences.sizes(id, days);
    }

    /** Recent entries and exits with the values that decided them. */
    @GetMapping("/api/v1/{kind:tags|segments}/{id}/changes")
    List<Map<String, Object>> changes(
            @PathVariable String kind, @PathVariable long id, @RequestParam(defaultValue = "100") int limit) {
        audiences.find(kindOf(kind), id);
        return audiences.recentChanges(id, Math.min(Math.max(limit, 1), 1000));
    }

    /** Every member as CSV ({@code format=csv}, UTF-8 with BOM for Excel) or XLSX ({@code format=xlsx}). */
    @GetMapping("/api/v1/{kind:tags|segments}/{id}/export")
    void export(
            @PathVariable String kind,
            @PathVariable long id,
            @RequestParam(defaultValue = "csv") String format,
            HttpServletResponse response)
            throws IOException {
        export.write(audiences.find(kindOf(kind), id), format, response);
    }

    record CustomerIds(List<Long> customerIds) {}

    /** Adds customers to a manual tag. */
    @PostMapping("/api/v1/tags/{id}/members")
    @PreAuthorize(WRITERS)
    Map<String, Long> tag(@PathVariable long id, @RequestBody CustomerIds request) {
        return Map.of("added", audiences.tag(id, customerIds(request), Map.of("by", currentActor())));
    }

    /** Removes a customer from a manual tag. */
    @DeleteMapping("/api/v1/tags/{id}/members/{customerId}")
    @PreAuthorize(WRITERS)
    Map<String, Long> untag(@PathVariable long id, @PathVariable long customerId) {
        return Map.of("removed", audiences.untag(id, List.of(customerId), Map.of("by", currentActor())));
    }

    @GetMapping("/api/v1/tag-templates")
    List<TemplateView> templates() {
        return TemplateView.all(audiences, fields);
    }

    @PostMapping("/api/v1/tag-templates/{key}")
    @PreAuthorize(WRITERS)
    @ResponseStatus(HttpStatus.CREATED)
    Audience switchOn(@PathVariable String key) {
        return audiences.createFromTemplate(key);
    }

    @GetMapping("/api/v1/customers/{id}/memberships")
    List<Audiences.Membership> membershipsOf(@PathVariable long id) {
        return audiences.membershipsOf(id);
    }

    /** Scores RFM and evaluates every dynamic tag and segment for everyone now, as the nightly run does. */
    @PostMapping("/api/v1/segmentation/recompute")
    @PreAuthorize(WRITERS)
    FullRecompute.Result recompute() {
        return ViewerScope.EVERYTHING.within(recompute::run);
    }

    static AudienceKind kindOf(String plural) {
        return plural.startsWith("tag") ? AudienceKind.TAG : AudienceKind.SEGMENT;
    }

    private static List<Long> customerIds(CustomerIds request) {
        if (request == null
                || request.customerIds() == null
                || request.customerIds().isEmpty()) {
            throw new InvalidInputException("customerIds", "name at least one customer");
        }
        return request.customerIds();
    }

    private static String currentActor() {
        return AuditLog.currentActor();
    }
}
