package dev.retain.service;

import java.time.Instant;

/** A solved ticket was reopened by the customer's reply within the reopen days; {@code reopenCount} counts them. */
public record TicketReopened(long ticketId, long number, long customerId, int reopenCount, Instant at) {}
