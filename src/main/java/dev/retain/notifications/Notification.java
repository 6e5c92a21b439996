package dev.retain.notifications;

import dev.retain.platform.NotificationKind;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One reminder for its recipient about one customer; {@code readAt} null while unread. */
public record Notification(
        long id,
        long customerId,
        String customerName,
        NotificationKind kind,
        Instant dueAt,
        String detail,
        Instant createdAt,
        Instant readAt) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public boolean unread() {
        return readAt == null;
    }

    /** Where it is acted on: the customer's page, where their follow-ups and tasks are. */
    public String link() {
        return "/customers/" + customerId;
    }

    /** The message key of its text; its arguments are {@link #messageArgs}. */
    public String messageKey() {
        return "notifications.kind." + kind.name();
    }

    /** The customer's name, the due time in the company's zone ("2026-12-07 15:00", or empty) and the detail. */
    public Object[] messageArgs(ZoneId zone) {
        String due = dueAt == null ? "" : WHEN.format(dueAt.atZone(zone));
        return new Object[] {customerName, due, detail == null ? "" : detail};
    }
}
