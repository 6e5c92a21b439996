package dev.retain.loyalty;

import tools.jackson.databind.JsonNode;

/** A badge as given to create or change it; {@code points} null means none, {@code active} null means active. */
public record BadgeDraft(String name, String description, Integer points, Boolean active, JsonNode condition) {}
