package dev.retain.messaging;

/** A tracked link in a message was followed. */
public record MessageClicked(long deliveryId, long customerId, String sourceRef, String url) {}
