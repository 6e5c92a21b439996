package dev.retain.loyalty.web;

import dev.retain.loyalty.Badge;
import dev.retain.loyalty.BadgeDraft;
import dev.retain.loyalty.Badges;
import dev.retain.loyalty.EarnedBadge;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/loyalty/badges}: the badges and their rules (a rule that could not run is a 400 naming the faulty
 * part), and the badges a member earned.
 */
@RestController
@Tag(name = "Loyalty")
class BadgeApiController {

    private final Badges badges;

    BadgeApiController(Badges badges) {
        this.badges = badges;
    }

    @GetMapping("/api/v1/loyalty/badges")
    @PreAuthorize(LoyaltyAccess.READ_PROGRAMME)
    List<Badge> all() {
        return badges.all();
    }

    @PostMapping("/api/v1/loyalty/badges")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    Badge create(@RequestBody BadgeDraft draft) {
        return badges.create(draft);
    }

    /** Changes a badge; {@code "active": false} deactivates it (members keep it). */
    @PutMapping("/api/v1/loyalty/badges/{id}")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    Badge update(@PathVariable long id, @RequestBody BadgeDraft draft) {
        return badges.update(id, draft);
    }

    @GetMapping("/api/v1/loyalty/members/{id}/badges")
    List<EarnedBadge> earned(@PathVariable long id) {
        return badges.earnedBy(id);
    }
}
