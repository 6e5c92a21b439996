package dev.retain.loyalty.web;

import dev.retain.loyalty.Campaign;
import dev.retain.loyalty.CampaignDraft;
import dev.retain.loyalty.EarningRule;
import dev.retain.loyalty.LedgerCheck;
import dev.retain.loyalty.LedgerLine;
import dev.retain.loyalty.Loyalty;
import dev.retain.loyalty.LoyaltyCampaigns;
import dev.retain.loyalty.LoyaltyProgramme;
import dev.retain.loyalty.LoyaltyProgramme.RuleChange;
import dev.retain.loyalty.LoyaltyProgramme.SettingsChange;
import dev.retain.loyalty.LoyaltyReason;
import dev.retain.loyalty.PointsApplied;
import dev.retain.loyalty.ProgrammeSettings;
import dev.retain.loyalty.Wallet;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/loyalty}: a member's points (wallet, ledger), redeeming, earning from other channels and adjusting
 * by hand — each idempotent by its key —, the programme's settings and earning rules, and the ledger's check.
 */
@RestController
@Tag(name = "Loyalty")
class LoyaltyApiController {

    /** Sent with the answer to a request repeated with the same idempotency key: nothing was applied again. */
    static final String REPLAYED = "Idempotent-Replayed";

    /** A redemption: {@code points} above 0, a key unique to the request (the same when it is retried). */
    record RedemptionRequest(String idempotencyKey, Long points, String note) {}

    /** Points from a campaign or another channel: reason CAMPAIGN or ADJUSTMENT. */
    record EarningRequest(String idempotencyKey, Long points, LoyaltyReason reason, String note) {}

    /** A correction by hand: points above or below 0, and a note saying why. */
    record AdjustmentRequest(String idempotencyKey, Long points, String note) {}

    /** What was applied and the member's points right after. */
    record Applied(long transactionId, long customerId, LoyaltyReason reason, long points, long active, long pending) {

        static Applied of(PointsApplied applied) {
            return new Applied(
                    applied.transactionId(),
                    applied.customerId(),
                    applied.reason(),
                    applied.points(),
                    applied.active(),
                    applied.pending());
        }
    }

    private final Loyalty loyalty;
    private final LoyaltyProgramme programme;
    private final LedgerCheck check;
    private final LoyaltyCampaigns campaigns;

    LoyaltyApiController(Loyalty loyalty, LoyaltyProgramme programme, LedgerCheck check, LoyaltyCampaigns campaigns) {
        this.loyalty = loyalty;
        this.programme = programme;
        this.check = check;
        this.campaigns = campaigns;
    }

    /** Spendable and pending points now, and those expiring within 30 days. */
    @GetMapping("/api/v1/loyalty/members/{id}/balance")
    Wallet balance(@PathVariable long id) {
        return loyalty.wallet(id);
    }

    /** The member's ledger, newest first. */
    @GetMapping("/api/v1/loyalty/members/{id}/transactions")
    PageOf<LedgerLine> history(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return loyalty.history(id, page, size);
    }

    /**
     * Spends points, closest to expiry first: 201 with the balance after; 409 with {@code balance} when the spendable
     * points are fewer; the same key again answers the same without spending twice.
     */
    @PostMapping("/api/v1/loyalty/members/{id}/redemptions")
    @PreAuthorize(LoyaltyAccess.REDEEM)
    ResponseEntity<Applied> redeem(@PathVariable long id, @RequestBody RedemptionRequest request) {
        return created(loyalty.redeem(id, request.idempotencyKey(), points(request.points()), request.note()));
    }

    @PostMapping("/api/v1/loyalty/members/{id}/earnings")
    @PreAuthorize(LoyaltyAccess.EARN)
    ResponseEntity<Applied> earn(@PathVariable long id, @RequestBody EarningRequest request) {
        return created(
                loyalty.earn(id, request.idempotencyKey(), points(request.points()), request.reason(), request.note()));
    }

    @PostMapping("/api/v1/loyalty/members/{id}/adjustments")
    @PreAuthorize(LoyaltyAccess.ADJUST)
    ResponseEntity<Applied> adjust(@PathVariable long id, @RequestBody AdjustmentRequest request) {
        return created(loyalty.adjust(id, request.idempotencyKey(), points(request.points()), request.note()));
    }

    @GetMapping("/api/v1/loyalty/programme")
    @PreAuthorize(LoyaltyAccess.READ_PROGRAMME)
    ProgrammeSettings settings() {
        return programme.settings();
    }

    @PutMapping("/api/v1/loyalty/programme")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    ProgrammeSettings updateSettings(@RequestBody SettingsChange change) {
        return programme.update(change);
    }

    /** Every version of the earning rules, newest (the one new orders earn under) first. */
    @GetMapping("/api/v1/loyalty/earning-rules")
    @PreAuthorize(LoyaltyAccess.READ_PROGRAMME)
    List<EarningRule> rules() {
        return programme.rules();
    }

    @PostMapping("/api/v1/loyalty/earning-rules")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    EarningRule addRule(@RequestBody RuleChange change) {
        return programme.addRule(change);
    }

    /** Every campaign, the latest starting first. */
    @GetMapping("/api/v1/loyalty/campaigns")
    @PreAuthorize(LoyaltyAccess.READ_PROGRAMME)
    List<Campaign> campaigns() {
        return campaigns.list();
    }

    @PostMapping("/api/v1/loyalty/campaigns")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    Campaign createCampaign(@RequestBody CampaignDraft draft) {
        return campaigns.create(draft);
    }

    @PutMapping("/api/v1/loyalty/campaigns/{id}")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    Campaign updateCampaign(@PathVariable long id, @RequestBody CampaignDraft draft) {
        return campaigns.update(id, draft);
    }

    /** Ends the campaign now. */
    @PostMapping("/api/v1/loyalty/campaigns/{id}/end")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    Campaign endCampaign(@PathVariable long id) {
        return campaigns.end(id);
    }

    /** Proves the ledger whole: every transaction balances, every wallet equals its entries and lots. */
    @GetMapping("/api/v1/loyalty/check")
    @PreAuthorize(LoyaltyAccess.ADMIN)
    LedgerCheck.Result check() {
        return check.run();
    }

    private static long points(Long points) {
        if (points == null) {
            throw new InvalidInputException("points", "required: a whole number of points");
        }
        return points;
    }

    private static ResponseEntity<Applied> created(PointsApplied applied) {
        var response = ResponseEntity.status(HttpStatus.CREATED);
        if (applied.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.body(Applied.of(applied));
    }
}
