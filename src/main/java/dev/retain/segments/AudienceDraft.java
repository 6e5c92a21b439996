package dev.retain.segments;

import tools.jackson.databind.JsonNode;

/** What a person sends to create or change a tag or segment. */
public record AudienceDraft(
        String name, String description, AudienceMode mode, JsonNode condition, Boolean enabled, String template) {}
