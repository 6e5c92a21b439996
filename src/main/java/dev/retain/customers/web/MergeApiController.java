package dev.retain.customers.web;

import dev.retain.customers.CustomerMerge;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.DuplicateCandidate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Merging customers, undoing merges, and the review queue of possible duplicates. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Merges")
class MergeApiController {

    private final CustomerMerges merges;

    MergeApiController(CustomerMerges merges) {
        this.merges = merges;
    }

    record MergeRequest(@NotNull Long mergedId) {}

    @PostMapping("/customers/{survivorId}/merge")
    @PreAuthorize(CustomerAccess.DELETE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Merge another customer into this one (the survivor); returns the merge, which can be undone")
    CustomerMerge merge(@PathVariable long survivorId, @Valid @RequestBody MergeRequest request) {
        return merges.merge(survivorId, request.mergedId());
    }

    @PostMapping("/merges/{mergeId}/undo")
    @PreAuthorize(CustomerAccess.DELETE)
    @Operation(summary = "Undo a merge: both customers and their records come back")
    CustomerMerge unmerge(@PathVariable long mergeId) {
        return merges.unmerge(mergeId);
    }

    @GetMapping("/duplicates")
    List<DuplicateCandidate> duplicates(@RequestParam(defaultValue = "100") int limit) {
        return merges.openCandidates(Math.min(Math.max(limit, 1), 500));
    }

    @PostMapping("/duplicates/{candidateId}/dismiss")
    @PreAuthorize(CustomerAccess.EDIT)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void dismiss(@PathVariable long candidateId) {
        merges.dismiss(candidateId);
    }
}
