package dev.retain.sales.web;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.sales.FollowUpKind;
import dev.retain.sales.FollowUps;
import java.time.LocalDateTime;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Recording a follow-up from the customer page; the next follow-up's time is in the company's time zone. */
@Controller
class FollowUpPageController {

    private final FollowUps followUps;
    private final CompanyZone zone;

    FollowUpPageController(FollowUps followUps, CompanyZone zone) {
        this.followUps = followUps;
        this.zone = zone;
    }

    @PostMapping("/customers/{customerId}/follow-ups")
    @PreAuthorize(FollowUpApiController.RECORDERS)
    String record(
            @PathVariable long customerId,
            @RequestParam(required = false) FollowUpKind kind,
            @RequestParam(defaultValue = "") String content,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime next,
            @RequestParam(required = false) Long taskId,
            RedirectAttributes redirect) {
        try {
            followUps.record(
                    customerId,
                    new FollowUps.NewFollowUp(
                            kind,
                            content,
                            outcome,
                            next == null ? null : next.atZone(zone.zone()).toInstant(),
                            taskId));
            redirect.addFlashAttribute("message", "sales.followUp.recorded");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("quickAction", "follow-up");
            redirect.addFlashAttribute(
                    "quickActionError", String.join("; ", e.fieldErrors().values()));
        }
        return "redirect:/customers/" + customerId;
    }
}
