package dev.retain.loyalty.web;

import dev.retain.loyalty.Loyalty;
import dev.retain.loyalty.LoyaltyTiers;
import dev.retain.loyalty.MemberTier;
import dev.retain.loyalty.TierProgramme;
import dev.retain.loyalty.Wallet;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/loyalty}: the tiers and how members qualify, and a member's tier, progress and benefits. */
@RestController
@Tag(name = "Loyalty")
class TierApiController {

    /** A member: the points and the tier with its progress and benefits. */
    record Member(long customerId, Wallet points, MemberTier tier) {}

    private final LoyaltyTiers tiers;
    private final Loyalty loyalty;

    TierApiController(LoyaltyTiers tiers, Loyalty loyalty) {
        this.tiers = tiers;
        this.loyalty = loyalty;
    }

    @GetMapping("/api/v1/loyalty/members/{id}")
    Member member(@PathVariable long id) {
        MemberTier tier = tiers.member(id);
        return new Member(id, loyalty.wallet(id), tier);
    }

    @GetMapping("/api/v1/loyalty/tiers")
    @PreAuthorize(LoyaltyAccess.READ_PROGRAMME)
    TierProgramme programme() {
        return tiers.programme();
    }

    /** Replaces the tiers (lowest first; an id keeps a tier, none adds one) and changes the settings sent. */
    @PutMapping("/api/v1/loyalty/tiers")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    TierProgramme update(@RequestBody LoyaltyTiers.Change change) {
        return tiers.update(change);
    }
}
