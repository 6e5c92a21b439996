package dev.retain.service;

import java.time.Instant;

/** A ticket was closed (by hand, or merged into another); it no longer counts against its agent. */
public record TicketClosed(long ticketId, long customerId, Long assigneeId, Instant at) {}
