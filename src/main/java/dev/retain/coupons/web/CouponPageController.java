package dev.retain.coupons.web;

import dev.retain.coupons.CampaignDraft;
import dev.retain.coupons.CampaignStatus;
import dev.retain.coupons.CouponCampaign;
import dev.retain.coupons.CouponCampaigns;
import dev.retain.coupons.CouponUnavailableException;
import dev.retain.coupons.Coupons;
import dev.retain.coupons.IssuedCoupon;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The coupons pages: campaigns with their figures, the campaign form, one campaign with its coupons; and issuing a
 * coupon by hand from a campaign's page or a customer's page.
 */
@Controller
class CouponPageController {

    private static final int COUPONS_PER_PAGE = 50;

    private final CouponCampaigns campaigns;
    private final Coupons coupons;

    CouponPageController(CouponCampaigns campaigns, Coupons coupons) {
        this.campaigns = campaigns;
        this.coupons = coupons;
    }

    @GetMapping("/coupons")
    String list(Model model) {
        model.addAttribute("campaigns", campaigns.list());
        return "coupons/list";
    }

    @GetMapping("/coupons/new")
    @PreAuthorize(CouponAccess.MANAGE)
    String create(Model model) {
        return form(model, null, CampaignForm.empty());
    }

    @GetMapping("/coupons/{id}/edit")
    @PreAuthorize(CouponAccess.MANAGE)
    String edit(@PathVariable long id, Model model) {
        CouponCampaign campaign = campaigns.find(id);
        return form(model, campaign, CampaignForm.of(campaign));
    }

    @PostMapping("/coupons")
    @PreAuthorize(CouponAccess.MANAGE)
    String save(@RequestParam(required = false) Long id, CampaignForm form, Model model, RedirectAttributes redirect) {
        CouponCampaign current = id == null ? null : campaigns.find(id);
        try {
            CampaignDraft draft = form.draft(current == null ? CampaignStatus.ACTIVE : current.status());
            CouponCampaign saved = current == null ? campaigns.create(draft) : campaigns.update(id, draft);
            redirect.addFlashAttribute("message", "coupons.saved");
            return "redirect:/coupons/" + saved.id();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", e.fieldErrors());
        } catch (ConflictException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return form(model, current, form);
    }

    @GetMapping("/coupons/{id}")
    String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("summary", campaigns.summary(id));
        model.addAttribute("coupons", coupons.ofCampaign(id, Math.max(page, 0), COUPONS_PER_PAGE));
        return "coupons/show";
    }

    /** Pauses, resumes or ends the campaign. */
    @PostMapping("/coupons/{id}/status")
    @PreAuthorize(CouponAccess.MANAGE)
    String status(@PathVariable long id, @RequestParam CampaignStatus status, RedirectAttributes redirect) {
        try {
            campaigns.update(id, CampaignDraft.of(campaigns.find(id)).withStatus(status));
            redirect.addFlashAttribute("message", "coupons.saved");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("couponProblem", e.getMessage());
        }
        return "redirect:/coupons/" + id;
    }

    @PostMapping("/coupons/{id}/coupons")
    @PreAuthorize(CouponAccess.ISSUE)
    String issueFromCampaign(@PathVariable long id, @RequestParam long customerId, RedirectAttributes redirect) {
        issue(id, customerId, redirect);
        return "redirect:/coupons/" + id;
    }

    @PostMapping("/customers/{customerId}/coupons")
    @PreAuthorize(CouponAccess.ISSUE)
    String issueToCustomer(@PathVariable long customerId, @RequestParam long campaignId, RedirectAttributes redirect) {
        issue(campaignId, customerId, redirect);
        return "redirect:/customers/" + customerId + "#coupons";
    }

    @PostMapping("/coupons/{id}/coupons/{code}/void")
    @PreAuthorize(CouponAccess.MANAGE)
    String voidCoupon(@PathVariable long id, @PathVariable String code, RedirectAttributes redirect) {
        try {
            coupons.voidCoupon(code);
            redirect.addFlashAttribute("message", "coupons.voided");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("couponProblem", e.getMessage());
        }
        return "redirect:/coupons/" + id;
    }

    private void issue(long campaignId, long customerId, RedirectAttributes redirect) {
        try {
            IssuedCoupon coupon = coupons.issueByHand(campaignId, customerId, null);
            redirect.addFlashAttribute("issuedCode", coupon.code());
        } catch (CouponUnavailableException e) {
            redirect.addFlashAttribute("couponProblem", e.getMessage());
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("couponProblem", e.getMessage());
        }
    }

    private String form(Model model, CouponCampaign campaign, CampaignForm form) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("form", form);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", java.util.Map.of());
        }
        return "coupons/form";
    }
}
