package dev.retain.platform.audit;

import dev.retain.platform.ExpiringCache;
import dev.retain.platform.audit.AuditEntries.Filter;
import java.time.Duration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page for admins. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditPageController {

    private static final int PAGE_SIZE = 50;

    private final AuditEntries entries;
    private final AuditChainVerifier verifier;
    // a walk reads every entry: the page shows one at most a few minutes old rather than walk on every view
    private final ExpiringCache<Boolean, ChainVerification> lastVerification =
            new ExpiringCache<>(Duration.ofMinutes(5));

    AuditPageController(AuditEntries entries, AuditChainVerifier verifier) {
        this.entries = entries;
        this.verifier = verifier;
    }

    @GetMapping("/admin/audit")
    String list(
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var filter = new Filter(entityType, entityId, actor);
        model.addAttribute("filter", filter);
        model.addAttribute("result", entries.find(filter, Math.max(0, page), PAGE_SIZE));
        model.addAttribute("chain", lastVerification.get(true, intact -> verifier.verify()));
        return "platform/audit";
    }
}
