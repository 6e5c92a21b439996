package dev.retain.coupons.web;

import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignSummary;
import dev.retain.coupons.CouponCampaign;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.coupons.CouponDetails;
import dev.retain.coupons.CouponUnavailableException;
import dev.retain.coupons.Coupons;
import dev.retain.coupons.IssuedCoupon;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PageOf;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/coupon-campaigns}: campaigns with their figures, created and changed (pause, resume and end are
 * changes of {@code status}); a campaign's coupons, and issuing one to a customer by hand.
 */
@RestController
@Tag(name = "Coupons")
class CouponCampaignApiController {

    private final CouponCampaigns campaigns;
    private final Coupons coupons;
    private final ObjectMapper json;

    CouponCampaignApiController(CouponCampaigns campaigns, Coupons coupons, ObjectMapper json) {
        this.campaigns = campaigns;
        this.coupons = coupons;
        this.json = json;
    }

    @GetMapping("/api/v1/coupon-campaigns")
    List<CampaignSummary> list() {
        return campaigns.list();
    }

    @PostMapping("/api/v1/coupon-campaigns")
    @PreAuthorize(CouponAccess.MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    CouponCampaign create(@RequestBody CampaignDraft draft) {
        return campaigns.create(draft);
    }

    @GetMapping("/api/v1/coupon-campaigns/{id}")
    CampaignSummary find(@PathVariable long id) {
        return campaigns.summary(id);
    }

    /**
     * Changes the fields sent and keeps the others (a JSON merge patch: {@code null} clears a field), so
     * {@code {"status": "PAUSED"}} pauses the campaign.
     */
    @PutMapping("/api/v1/coupon-campaigns/{id}")
    @PreAuthorize(CouponAccess.MANAGE)
    CouponCampaign update(@PathVariable long id, @RequestBody JsonNode changes) {
        if (!(changes instanceof ObjectNode changed)) {
            throw new InvalidInputException("body", "a JSON object with the fields to change");
        }
        ObjectNode merged = json.valueToTree(CampaignDraft.of(campaigns.find(id)));
        merged.setAll(changed);
        return campaigns.update(id, json.treeToValue(merged, CampaignDraft.class));
    }

    @GetMapping("/api/v1/coupon-campaigns/{id}/coupons")
    PageOf<CouponDetails> coupons(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        campaigns.find(id);
        return coupons.ofCampaign(id, Math.max(page, 0), Math.min(Math.max(size, 1), 1000));
    }

    /** {@code customerId}, and optionally an {@code issueKey} so that sending the request again issues nothing. */
    record IssueRequest(Long customerId, String issueKey) {}

    @PostMapping("/api/v1/coupon-campaigns/{id}/coupons")
    @PreAuthorize(CouponAccess.ISSUE)
    @ResponseStatus(HttpStatus.CREATED)
    IssuedCoupon issue(@PathVariable long id, @RequestBody IssueRequest request) throws CouponUnavailableException {
        if (request.customerId() == null) {
            throw new InvalidInputException("customerId", "required");
        }
        return coupons.issueByHand(id, request.customerId(), request.issueKey());
    }
}
