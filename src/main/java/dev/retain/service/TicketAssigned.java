package dev.retain.service;

import java.time.Instant;

/**
 * A person gave a ticket to an agent ({@code to}), or back to its team's queue ({@code to} null). Published in the
 * change's transaction, so a listener may record it with the change.
 */
public record TicketAssigned(
        long ticketId, long customerId, Long teamId, Long from, Long to, String actor, Instant at) {}
