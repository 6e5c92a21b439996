package dev.retain.messaging.web;

import dev.retain.messaging.Tracking;
import dev.retain.messaging.Tracking.UnsubscribeLink;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The links customers follow from messages, without signing in: the open pixel, tracked links (redirected only when
 * the signature is right, so this is no open redirect) and the unsubscribe page, in the message's language.
 */
@Controller
class TrackingController {

    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final Tracking tracking;
    private final MessageSource messages;

    TrackingController(Tracking tracking, MessageSource messages) {
        this.tracking = tracking;
        this.messages = messages;
    }

    @GetMapping("/t/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token) {
        boolean genuine = tracking.opened(token);
        return ResponseEntity.status(genuine ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                .contentType(MediaType.IMAGE_GIF)
                .cacheControl(CacheControl.noStore())
                .body(PIXEL);
    }

    @GetMapping("/t/c/{token}")
    ResponseEntity<String> click(@PathVariable String token) {
        return tracking.clicked(token)
                .map(url -> ResponseEntity.status(HttpStatus.FOUND)
                        .location(URI.create(url))
                        .cacheControl(CacheControl.noStore())
                        .<String>build())
                .orElseGet(() -> ResponseEntity.badRequest()
                        .contentType(MediaType.TEXT_PLAIN)
                        .body("This link is not valid."));
    }

    @GetMapping("/u/{token}")
    String unsubscribePage(@PathVariable String token, Model model) {
        return page(tracking.unsubscribeLink(token), false, token, model);
    }

    /** The page's button, and mail clients' one-click unsubscribe (RFC 8058). */
    @PostMapping("/u/{token}")
    String unsubscribe(@PathVariable String token, Model model) {
        return page(tracking.unsubscribe(token), true, token, model);
    }

    private String page(Optional<UnsubscribeLink> link, boolean done, String token, Model model) {
        Locale locale = Locale.forLanguageTag(link.map(UnsubscribeLink::locale).orElse("zh-CN"));
        model.addAttribute("lang", locale.toLanguageTag());
        model.addAttribute("token", token);
        model.addAttribute("valid", link.isPresent());
        model.addAttribute("done", done && link.isPresent());
        String channel = link.map(l -> text("unsubscribe.channel." + l.channel(), locale))
                .orElse("");
        model.addAttribute("title", text("unsubscribe.title", locale));
        model.addAttribute("question", text("unsubscribe.question", locale, channel));
        model.addAttribute("button", text("unsubscribe.button", locale));
        model.addAttribute("confirmation", text("unsubscribe.done", locale, channel));
        model.addAttribute("invalid", text("unsubscribe.invalid", locale));
        return "messaging/unsubscribe";
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
