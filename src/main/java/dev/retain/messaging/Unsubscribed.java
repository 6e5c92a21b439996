package dev.retain.messaging;

/** A customer unsubscribed from a channel; nothing more is sent on it. */
public record Unsubscribed(long customerId, Channel channel) {}
