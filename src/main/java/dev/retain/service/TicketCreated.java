package dev.retain.service;

import java.time.Instant;

/** A ticket was opened (by any channel). */
public record TicketCreated(
        long ticketId, long number, long customerId, TicketChannel channel, Long categoryId, Instant at) {}
