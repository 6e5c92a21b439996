package dev.retain.loyalty.web;

import dev.retain.loyalty.Referral;
import dev.retain.loyalty.ReferralSettings;
import dev.retain.loyalty.ReferralStatus;
import dev.retain.loyalty.Referrals;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Referrals through the API: a member's code and referrals either way, attaching a friend by a code, and the
 * settings. A friend refused by a guard (one person twice) is a 409 whose {@code reason} is kept for the admin.
 */
@RestController
@Tag(name = "Loyalty")
class ReferralApiController {

    /** A friend to attach: the referrer's code and the friend's customer id. */
    record Attach(String code, Long customerId) {}

    /** A member's code, who referred them (if anyone) and whom they referred. */
    record MemberReferrals(long customerId, String code, Referral referredBy, List<Referral> referred) {}

    private final Referrals referrals;

    ReferralApiController(Referrals referrals) {
        this.referrals = referrals;
    }

    @GetMapping("/api/v1/loyalty/members/{id}/referrals")
    MemberReferrals ofMember(@PathVariable long id) {
        String code = referrals.codeOf(id);
        return new MemberReferrals(id, code, referrals.of(id).orElse(null), referrals.byReferrer(id));
    }

    /** 201 with the referral waiting for the friend's first paid order; 409 when refused or already referred. */
    @PostMapping("/api/v1/loyalty/referrals")
    @PreAuthorize(LoyaltyAccess.REDEEM)
    @ResponseStatus(HttpStatus.CREATED)
    Referral attach(@RequestBody Attach request) {
        Referral referral = referrals.attach(request.code(), request.customerId());
        if (referral.status() == ReferralStatus.REFUSED) {
            throw new Refused(referral);
        }
        return referral;
    }

    /** A referral a guard refused; kept with its reason. */
    static class Refused extends RuntimeException {
        final transient Referral referral;

        Refused(Referral referral) {
            super("Referral refused (" + referral.reason() + "): referrer " + referral.referrerId() + " and friend "
                    + referral.friendId() + " are one person");
            this.referral = referral;
        }
    }

    @ExceptionHandler(Refused.class)
    ProblemDetail refused(Refused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Referral refused");
        problem.setProperty("reason", e.referral.reason());
        problem.setProperty("referrerId", e.referral.referrerId());
        problem.setProperty("customerId", e.referral.friendId());
        return problem;
    }

    @GetMapping("/api/v1/loyalty/referral-settings")
    @PreAuthorize(LoyaltyAccess.READ_PROGRAMME)
    ReferralSettings settings() {
        return referrals.settings();
    }

    @PutMapping("/api/v1/loyalty/referral-settings")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    ReferralSettings update(@RequestBody ReferralSettings.Change change) {
        return referrals.update(change);
    }
}
