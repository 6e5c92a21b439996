package dev.retain.predict;

import java.time.Instant;

/**
 * A recompute of the product associations: customers with a paid order line, products bought often enough to pair,
 * rules kept, and the thresholds used.
 */
public record AssociationRun(
        long customers,
        long products,
        long rules,
        AssociationThresholds thresholds,
        Instant startedAt,
        Instant finishedAt) {}
