package dev.retain.customers.web;

import dev.retain.customers.CustomerNote;
import dev.retain.customers.CustomerNotes;
import dev.retain.customers.CustomerTimeline;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/customers/{id}/notes} and {@code …/timeline}: a customer's notes, and everything that happened. */
@RestController
@RequestMapping("/api/v1/customers/{id}")
@Tag(name = "Customers")
class NoteApiController {

    private final CustomerNotes notes;
    private final CustomerTimeline timeline;
    private final TimelineView view;

    NoteApiController(CustomerNotes notes, CustomerTimeline timeline, TimelineView view) {
        this.notes = notes;
        this.timeline = timeline;
        this.view = view;
    }

    record NoteRequest(String body) {}

    @GetMapping("/notes")
    @Operation(summary = "A customer's notes, newest first; older ones with before= the last one's createdAt")
    List<CustomerNote> notes(
            @PathVariable long id,
            @RequestParam(required = false) Instant before,
            @RequestParam(defaultValue = "50") int limit) {
        return notes.of(id, before, Math.min(Math.max(limit, 1), CustomerTimeline.MAX_LIMIT));
    }

    @PostMapping("/notes")
    @PreAuthorize(CustomerAccess.EDIT)
    @Operation(summary = "Write a note on a customer (at most 4000 characters); the author is the caller")
    ResponseEntity<CustomerNote> addNote(@PathVariable long id, @RequestBody NoteRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(notes.add(id, request.body()));
    }

    @GetMapping("/timeline")
    @Operation(
            summary = "Everything that happened to a customer, newest first: orders, events, messages, coupons,"
                    + " tasks, notes, journeys, tags; older entries with before= the answer's next")
    TimelineView.Page timeline(
            @PathVariable long id,
            @RequestParam(required = false) Instant before,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) List<String> kind) {
        return view.of(timeline.of(id, before, limit, kind), LocaleContextHolder.getLocale());
    }
}
