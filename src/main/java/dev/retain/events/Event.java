package dev.retain.events;

import java.time.Instant;
import java.util.Map;

/** Something a customer did, with free-form properties. */
public record Event(long customerId, String type, Instant occurredAt, Map<String, String> properties) {}
