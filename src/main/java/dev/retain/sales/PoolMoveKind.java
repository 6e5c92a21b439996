package dev.retain.sales;

/** How a customer came into or out of a pool. */
public enum PoolMoveKind {
    CLAIMED,
    ASSIGNED,
    RELEASED,
    RECLAIMED
}
