package dev.retain.service;

import java.util.List;

/**
 * What opens a ticket, as submitted: the customer by id, or by phone or email (found through identity resolution; an
 * unknown sender becomes a prospect customer flagged for review, named {@code name} when given); the subject and
 * first message; and optionally its category, priority (NORMAL), assignee, team (the desk's default team), order,
 * product and tags. {@code messageId} is the first message's mail Message-ID, or null.
 */
public record NewTicket(
        Long customerId,
        String phone,
        String email,
        String name,
        String subject,
        String body,
        TicketChannel channel,
        Long categoryId,
        TicketPriority priority,
        Long assigneeId,
        Long teamId,
        Long orderId,
        String productSku,
        List<String> tags,
        String messageId) {

    public NewTicket {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A ticket of a known customer, with nothing but its subject, first message and channel. */
    public static NewTicket of(long customerId, String subject, String body, TicketChannel channel) {
        return new NewTicket(
                customerId, null, null, null, subject, body, channel, null, null, null, null, null, null, null, null);
    }
}
