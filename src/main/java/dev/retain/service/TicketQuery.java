package dev.retain.service;

/**
 * Filters of the ticket list; nulls filter nothing. {@code text} matches the subject, the number ({@code 10023} or
 * {@code #10023}) or the customer's name.
 */
public record TicketQuery(
        TicketView view,
        TicketStatus status,
        TicketPriority priority,
        Long categoryId,
        TicketChannel channel,
        Long assigneeId,
        Long customerId,
        String text) {

    public static TicketQuery of(TicketView view) {
        return new TicketQuery(view, null, null, null, null, null, null, null);
    }
}
