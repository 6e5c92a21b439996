package dev.retain.journeys;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A journey with its current version's graph. */
public record Journey(
        long id,
        String name,
        String description,
        String status,
        int currentVersion,
        JsonNode graph,
        Instant createdAt,
        Instant updatedAt) {}
