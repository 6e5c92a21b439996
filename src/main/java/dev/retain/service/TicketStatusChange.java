package dev.retain.service;

import java.time.Instant;

/** One move of a ticket's status ({@code from} null when it was created), by whom and why. */
public record TicketStatusChange(
        long ticketId, TicketStatus from, TicketStatus to, StatusChangeReason reason, String actor, Instant at) {}
