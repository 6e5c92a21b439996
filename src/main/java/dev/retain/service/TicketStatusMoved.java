package dev.retain.service;

import java.time.Instant;

/**
 * A ticket's status moved ({@code from} null when it was created), published inside the change's transaction so that
 * listeners which keep per-ticket state (SLA timers) move with it.
 */
public record TicketStatusMoved(
        long customerId, long ticketId, TicketStatus from, TicketStatus to, StatusChangeReason reason, Instant at) {}
