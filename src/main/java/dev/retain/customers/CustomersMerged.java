package dev.retain.customers;

/** Two customers became one: everything of {@code mergedId} now belongs to {@code survivorId}. */
public record CustomersMerged(long mergeId, long survivorId, long mergedId) {}
