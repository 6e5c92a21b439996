package dev.retain.messaging.web;

import dev.retain.messaging.Channel;
import dev.retain.messaging.SuppressionReason;
import dev.retain.messaging.Suppressions;
import dev.retain.platform.ForbiddenException;
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

/** The suppression list: who is not messaged and why; adding and lifting an entry by hand. */
@Controller
class SuppressionPageController {

    private static final int PER_PAGE = 50;

    private final Suppressions suppressions;

    SuppressionPageController(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @GetMapping("/messages/suppressions")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("suppressions", suppressions.list(Math.max(page, 0), PER_PAGE));
        model.addAttribute("channels", Channel.values());
        model.addAttribute("pagerQuery", "");
        return "messaging/suppressions";
    }

    @PostMapping("/messages/suppressions")
    @PreAuthorize(MessagingRoles.SUPPRESSORS)
    String add(
            @RequestParam long customerId,
            @RequestParam(defaultValue = "ALL") String channel,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        try {
            suppressions.add(customerId, ChannelNames.orAll(channel), SuppressionReason.MANUAL, note);
            redirect.addFlashAttribute("message", "messaging.suppressions.added");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("message", "messaging.preview.noSuchCustomer");
        }
        return "redirect:/messages/suppressions";
    }

    /** Lifts an entry; one the customer chose needs an admin and a reason. */
    @PostMapping("/messages/suppressions/{customerId}/{channel}/remove")
    @PreAuthorize(MessagingRoles.SUPPRESSORS)
    String remove(
            @PathVariable long customerId,
            @PathVariable String channel,
            @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        try {
            suppressions.lift(customerId, ChannelNames.orAll(channel), reason);
            redirect.addFlashAttribute("message", "messaging.suppressions.removed");
        } catch (ForbiddenException e) {
            redirect.addFlashAttribute("problem", "messaging.suppressions.adminOnly");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("problem", "messaging.suppressions.reasonNeeded");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("problem", "messaging.suppressions.notFound");
        }
        return "redirect:/messages/suppressions";
    }
}
