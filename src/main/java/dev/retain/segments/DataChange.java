package dev.retain.segments;

/** What kind of change can alter a field's value, so real-time evaluation re-checks only the rules it can affect. */
public enum DataChange {
    PROFILE,
    ORDERS,
    EVENTS,
    /** Membership of other tags and segments. */
    AUDIENCES,
    /** Scores computed in batch (RFM, models): re-checked when they are recomputed. */
    SCORES,
    /** The passing of time alone (days since, anniversaries): re-checked by the scheduled batch. */
    TIME
}
