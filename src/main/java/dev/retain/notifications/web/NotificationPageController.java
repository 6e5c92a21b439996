package dev.retain.notifications.web;

import dev.retain.notifications.DigestSettings;
import dev.retain.notifications.Notifications;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The bell's page: the signed-in user's notifications, newest first and paged, each marked read on its own or all at
 * once, and their choice of the daily email digest. Plain forms, so it works without scripts.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class NotificationPageController {

    static final int PAGE_SIZE = 20;

    private final Notifications notifications;
    private final DigestSettings settings;
    private final UserAccounts users;
    private final CompanyZone zone;

    NotificationPageController(
            Notifications notifications, DigestSettings settings, UserAccounts users, CompanyZone zone) {
        this.notifications = notifications;
        this.settings = settings;
        this.users = users;
        this.zone = zone;
    }

    @GetMapping("/notifications")
    String list(
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        UserAccount me = me();
        model.addAttribute("notifications", notifications.of(me.id(), unread, Math.max(page, 0), PAGE_SIZE));
        model.addAttribute("unreadOnly", unread);
        model.addAttribute("digest", settings.wantsDigest(me.id()));
        model.addAttribute("hasEmail", me.email() != null && !me.email().isBlank());
        model.addAttribute("zone", zone.zone());
        return "notifications/list";
    }

    /** Without scripts, back to the list; with htmx, the item as it now is and the bell's new count. */
    @PostMapping("/notifications/{id}/read")
    String markRead(
            @PathVariable long id,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            Model model) {
        long me = me().id();
        notifications.markRead(me, id);
        if (htmx == null) {
            return "redirect:/notifications" + (unread ? "?unread=true" : "");
        }
        model.addAttribute("n", notifications.find(me, id));
        model.addAttribute("unreadOnly", unread);
        model.addAttribute("unread", notifications.unreadCount(me));
        model.addAttribute("zone", zone.zone());
        return "notifications/item :: marked";
    }

    @PostMapping("/notifications/read-all")
    String markAllRead(RedirectAttributes redirect) {
        notifications.markAllRead(me().id());
        redirect.addFlashAttribute("message", "notifications.allRead");
        return "redirect:/notifications";
    }

    @PostMapping("/notifications/settings")
    String saveSettings(@RequestParam(defaultValue = "false") boolean digest, RedirectAttributes redirect) {
        settings.setDigest(me().id(), digest);
        redirect.addFlashAttribute("message", digest ? "notifications.digest.on" : "notifications.digest.off");
        return "redirect:/notifications";
    }

    private UserAccount me() {
        return users.current().orElseThrow(() -> new AccessDeniedException("no user"));
    }
}
