package dev.retain.platform.audit;

import dev.retain.platform.PageOf;
import dev.retain.platform.audit.AuditEntries.Filter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the audit log, newest first, and {@code /verify}: its hash chain (admins only). */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('ADMIN')")
class AuditApiController {

    private final AuditEntries entries;
    private final AuditChainVerifier verifier;

    AuditApiController(AuditEntries entries, AuditChainVerifier verifier) {
        this.entries = entries;
        this.verifier = verifier;
    }

    /** Walks the whole hash chain: intact with the number of entries, or the first entry where it breaks. */
    @GetMapping("/verify")
    ChainVerification verify() {
        return verifier.verify();
    }

    @GetMapping
    PageOf<AuditEntry> list(
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return entries.find(
                new Filter(entityType, entityId, actor), Math.max(0, page), Math.min(Math.max(size, 1), 500));
    }
}
