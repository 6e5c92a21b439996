package dev.retain.sales;

import java.time.Instant;

/** One step of a customer's life with the pools: who had it before and after, why, and who did it. */
public record PoolMove(
        long customerId,
        long id,
        long poolId,
        PoolMoveKind kind,
        Long fromOwner,
        Long toOwner,
        String reason,
        String actor,
        Instant at) {}
