package dev.retain.loyalty;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A badge (成就): awarded once to every member for whom its rule — a condition of the segments' condition language —
 * becomes true, with {@code points} as a reward when above 0. An inactive badge is awarded no more; members keep it.
 */
public record Badge(
        long id,
        String name,
        String description,
        int points,
        boolean active,
        JsonNode condition,
        Instant updatedAt,
        String updatedBy) {}
