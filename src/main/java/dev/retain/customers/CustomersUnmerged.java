package dev.retain.customers;

/** A merge was undone: what the merge moved from {@code mergedId} to {@code survivorId} goes back. */
public record CustomersUnmerged(long mergeId, long survivorId, long mergedId) {}
