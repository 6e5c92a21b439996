package dev.retain.messaging.web;

import dev.retain.messaging.Channel;
import dev.retain.messaging.Outbox;
import dev.retain.messaging.StaffMail;
import dev.retain.platform.SecurityHeaders;
import dev.retain.platform.ViewerScope;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The built-in outbox: the latest messages as their recipients would have received them, every customer's at once, so
 * only for the people who send messages (until data scopes can narrow it to the customers a person may see).
 */
@Controller
@PreAuthorize(MessagingRoles.WRITERS)
class OutboxPageController {

    private static final int SHOWN = 200;

    /**
     * Shown in a sandboxed frame that loads nothing: an email's open pixel or images fetched while someone reads the
     * outbox would count as the customer opening it.
     */
    private static final String LOAD_NOTHING =
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">";

    /** A kept message and the document its frame shows. */
    record ShownMessage(Outbox.OutboxMessage message, String document) {}

    /** A kept email to one of the company's own people (a daily digest) and the document its frame shows. */
    record ShownStaffMessage(StaffMail.StaffMessage message, String document) {}

    private final Outbox outbox;
    private final StaffMail staffMail;

    OutboxPageController(Outbox outbox, StaffMail staffMail) {
        this.outbox = outbox;
        this.staffMail = staffMail;
    }

    @GetMapping("/messages/outbox")
    String outbox(@RequestParam(required = false) Channel channel, Model model, HttpServletResponse response) {
        SecurityHeaders.showEmailDocuments(response);
        model.addAttribute("enabled", outbox.enabled());
        model.addAttribute(
                "messages",
                outbox.latest(channel, SHOWN).stream()
                        .map(message -> new ShownMessage(message, LOAD_NOTHING + message.body()))
                        .toList());
        // digests name the customers of whoever receives them: shown to those who see every customer
        model.addAttribute(
                "staffMessages",
                ViewerScope.current().everything()
                        ? staffMail.kept(SHOWN).stream()
                                .map(message -> new ShownStaffMessage(message, LOAD_NOTHING + message.body()))
                                .toList()
                        : List.of());
        model.addAttribute("channel", channel);
        model.addAttribute("channels", Channel.values());
        return "messaging/outbox";
    }
}
