package dev.retain.messaging.web;

import dev.retain.messaging.Channel;
import dev.retain.messaging.Deliveries;
import dev.retain.messaging.DeliveryQuery;
import dev.retain.messaging.DeliveryStatus;
import dev.retain.platform.ConflictException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The delivery log with filters, and the dead-letter list with a retry button per message. */
@Controller
class DeliveryPageController {

    private static final int PER_PAGE = 50;

    private final Deliveries deliveries;

    DeliveryPageController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/messages/deliveries")
    String log(
            @RequestParam(required = false) DeliveryStatus status,
            @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) Long customerId,
            @RequestParam(required = false) String source,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        String sourcePrefix = source == null || source.isBlank() ? null : source.strip();
        var query = new DeliveryQuery(customerId, channel, status == null ? null : Set.of(status), sourcePrefix);
        model.addAttribute("deliveries", deliveries.search(query, page, PER_PAGE));
        model.addAttribute("status", status);
        model.addAttribute("channel", channel);
        model.addAttribute("customerId", customerId);
        model.addAttribute("source", sourcePrefix);
        model.addAttribute("statuses", DeliveryStatus.values());
        model.addAttribute("channels", Channel.values());
        var pagerQuery = new ArrayList<String>();
        add(pagerQuery, "status", status);
        add(pagerQuery, "channel", channel);
        add(pagerQuery, "customerId", customerId);
        add(pagerQuery, "source", sourcePrefix);
        model.addAttribute("pagerQuery", String.join("&", pagerQuery));
        return "messaging/deliveries";
    }

    @GetMapping("/messages/dead-letters")
    String deadLetters(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("deliveries", deliveries.search(DeliveryQuery.deadLetters(), page, PER_PAGE));
        model.addAttribute("pagerQuery", "");
        return "messaging/dead-letters";
    }

    @PostMapping("/messages/deliveries/{id}/retry")
    @PreAuthorize(MessagingRoles.WRITERS)
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            deliveries.retry(id);
            redirect.addFlashAttribute("message", "messaging.deadLetters.retried");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("message", "messaging.deadLetters.notDead");
        }
        return "redirect:/messages/dead-letters";
    }

    private static void add(List<String> query, String name, Object value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }
}
