package dev.retain.service;

import java.time.Instant;

/**
 * One message of a ticket's thread: plain text as written (pages escape it when they show it). {@code ticketId} is
 * the ticket it was written on, which differs from the one shown when that one was merged into it; {@code messageId}
 * is a mail's Message-ID, or null.
 */
public record TicketMessage(
        long id,
        long ticketId,
        AuthorKind authorKind,
        Long authorUserId,
        String authorName,
        Visibility visibility,
        String body,
        String messageId,
        Instant createdAt) {

    public boolean internal() {
        return visibility == Visibility.INTERNAL;
    }
}
