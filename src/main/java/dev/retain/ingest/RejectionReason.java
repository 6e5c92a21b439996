package dev.retain.ingest;

/** How many rows of an import were rejected for one reason. */
public record RejectionReason(String reason, long rows) {}
