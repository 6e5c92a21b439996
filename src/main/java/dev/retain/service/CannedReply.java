package dev.retain.service;

/**
 * A reply agents insert instead of typing it again, with placeholders filled in for the ticket at hand:
 * {@code {{customer.name}}}, {@code {{ticket.number}}}, {@code {{agent.name}}}.
 */
public record CannedReply(long id, String title, String body, boolean active) {}
