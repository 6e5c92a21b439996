package dev.retain.messaging;

/** A message was handed to its mail server, gateway or webhook. */
public record MessageSent(long deliveryId, long customerId, Channel channel, String sourceRef) {}
