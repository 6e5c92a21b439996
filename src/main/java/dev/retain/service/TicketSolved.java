package dev.retain.service;

import java.time.Instant;

/** A ticket was solved. */
public record TicketSolved(long ticketId, long number, long customerId, Long assigneeId, Instant at) {}
