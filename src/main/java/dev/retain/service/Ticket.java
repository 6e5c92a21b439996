package dev.retain.service;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as stored, with its customer's name. {@code number} is the one people quote ({@code #10023}); {@code
 * mergedInto} names the ticket it was merged into (then it is closed); {@code version} guards against two people
 * changing it at once.
 */
public record Ticket(
        long id,
        long number,
        long customerId,
        String customerName,
        String subject,
        TicketChannel channel,
        Long categoryId,
        TicketPriority priority,
        TicketStatus status,
        Long assigneeId,
        Long teamId,
        Long orderId,
        String productSku,
        List<String> tags,
        int reopenCount,
        Long mergedInto,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant firstResponseAt,
        Instant solvedAt,
        Instant closedAt,
        int version) {

    public Ticket {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The number as people quote it, e.g. {@code #10023}. */
    public String reference() {
        return "#" + number;
    }

    public boolean open() {
        return status.isOpen();
    }
}
