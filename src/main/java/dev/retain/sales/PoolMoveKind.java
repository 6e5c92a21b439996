package dev.retain.sales;

/** How a customer came into or out of a pool. */
public enum PoolMoveKind {
    CLAIMED,
    ASSIGNED,
    RELEASED,
    RECLAIMED,
    /** A waiting customer moved to another pool by a manager. */
    MOVED
}
