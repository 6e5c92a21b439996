package dev.retain.ingest;

import java.time.Instant;

/** Something about an import that a person should look at. */
public record DataQualityAlert(long id, long jobId, String kind, String message, Instant createdAt) {}
