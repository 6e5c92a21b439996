package dev.retain.messaging;

/** A message failed every attempt, or its sending was interrupted and is in doubt; it is in the dead-letter list. */
public record MessageFailed(long deliveryId, long customerId, String sourceRef, String error) {}
