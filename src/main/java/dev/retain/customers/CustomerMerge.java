package dev.retain.customers;

import java.time.Instant;

/** A recorded merge; {@code undoneAt} is set once it was undone. */
public record CustomerMerge(
        long id,
        long survivorId,
        long mergedId,
        String mergedBy,
        Instant mergedAt,
        String undoneBy,
        Instant undoneAt) {}
