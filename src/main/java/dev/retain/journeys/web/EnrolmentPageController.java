package dev.retain.journeys.web;

import dev.retain.journeys.Enrolments;
import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Enrolling one customer in a journey by hand, from the customer page; the entry limit applies as for the API. */
@Controller
class EnrolmentPageController {

    private final Enrolments enrolments;
    private final MessageSource messages;

    EnrolmentPageController(Enrolments enrolments, MessageSource messages) {
        this.enrolments = enrolments;
        this.messages = messages;
    }

    @PostMapping("/customers/{customerId}/journeys")
    @PreAuthorize(JourneyApiController.EDITORS)
    String enrol(@PathVariable long customerId, @RequestParam long journeyId, RedirectAttributes redirect) {
        try {
            int entered = enrolments.enrol(journeyId, List.of(customerId), "manual:" + AuditLog.currentActor());
            if (entered == 0) {
                failed(
                        redirect,
                        messages.getMessage("quickActions.journey.notEntered", null, LocaleContextHolder.getLocale()));
            } else {
                redirect.addFlashAttribute("message", "journeys.enrolled");
            }
        } catch (InvalidInputException e) {
            failed(redirect, String.join("; ", e.fieldErrors().values()));
        } catch (NotFoundException e) {
            failed(redirect, e.getMessage());
        }
        return "redirect:/customers/" + customerId;
    }

    private static void failed(RedirectAttributes redirect, String error) {
        redirect.addFlashAttribute("quickAction", "journey");
        redirect.addFlashAttribute("quickActionError", error);
    }
}
