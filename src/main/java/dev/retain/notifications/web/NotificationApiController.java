package dev.retain.notifications.web;

import dev.retain.notifications.Notification;
import dev.retain.notifications.Notifications;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import dev.retain.platform.UserAccounts;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/notifications}: the caller's own notifications (an API key acts for its user; a system key has
 * none), marked read one by one or all at once. Another user's notification is not found.
 */
@RestController
@Tag(name = "Notifications")
@PreAuthorize("isAuthenticated()")
class NotificationApiController {

    static final int MOST_PER_PAGE = 100;

    record Marked(int marked) {}

    private final Notifications notifications;
    private final UserAccounts users;

    NotificationApiController(Notifications notifications, UserAccounts users) {
        this.notifications = notifications;
        this.users = users;
    }

    @GetMapping("/api/v1/notifications")
    PageOf<Notification> list(
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        int bounded = Math.min(Math.max(size, 1), MOST_PER_PAGE);
        return users.current()
                .map(me -> notifications.of(me.id(), unread, Math.max(page, 0), bounded))
                .orElseGet(() -> new PageOf<>(List.of(), Math.max(page, 0), bounded, 0));
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void markRead(@PathVariable long id) {
        long me = users.current()
                .orElseThrow(() -> new NotFoundException("Notification", id))
                .id();
        notifications.markRead(me, id);
    }

    @PostMapping("/api/v1/notifications/read-all")
    Marked markAllRead() {
        return new Marked(
                users.current().map(me -> notifications.markAllRead(me.id())).orElse(0));
    }
}
