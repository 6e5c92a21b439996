package dev.retain.messaging;

/** An email was opened for the first time (its tracking pixel was loaded). */
public record MessageOpened(long deliveryId, long customerId, String sourceRef) {}
