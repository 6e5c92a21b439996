package dev.retain.segments;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A tag or segment with its condition (null when kept by hand) and current size. */
public record Audience(
        long id,
        AudienceKind kind,
        String name,
        String description,
        AudienceMode mode,
        JsonNode condition,
        String template,
        boolean enabled,
        long members,
        Instant evaluatedAt,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {}
