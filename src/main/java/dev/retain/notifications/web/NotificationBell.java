package dev.retain.notifications.web;

import dev.retain.notifications.Notifications;
import dev.retain.platform.UserAccounts;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The bell's unread count for the top bar ({@code ${@notificationBell.unread()}} in layout.html): asked only when a
 * page is rendered with the layout, never for the API or htmx fragments, and counted once per request however often
 * the page asks.
 */
@Component("notificationBell")
class NotificationBell {

    private static final String COUNTED = NotificationBell.class.getName() + ".unread";
    private static final long NOBODY = -1;

    private final Notifications notifications;
    private final UserAccounts users;

    NotificationBell(Notifications notifications, UserAccounts users) {
        this.notifications = notifications;
        this.users = users;
    }

    /** The signed-in user's unread notifications, or null when nobody is signed in. */
    public Long unread() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(COUNTED, RequestAttributes.SCOPE_REQUEST) instanceof Long counted) {
            return counted == NOBODY ? null : counted;
        }
        long count = users.current()
                .map(user -> notifications.unreadCount(user.id()))
                .orElse(NOBODY);
        if (request != null) {
            request.setAttribute(COUNTED, count, RequestAttributes.SCOPE_REQUEST);
        }
        return count == NOBODY ? null : count;
    }
}
