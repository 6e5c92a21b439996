package dev.retain.service;

import java.time.Instant;

/** A message was added to a ticket's thread, published inside the change's transaction (SLA response timers). */
public record TicketMessageAdded(
        long customerId, long ticketId, AuthorKind author, Visibility visibility, Instant at) {}
