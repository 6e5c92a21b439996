package dev.retain.segments;

/**
 * How an audience keeps its members: by hand (tags only), by a condition re-evaluated whenever data changes and on
 * schedule, or by a condition evaluated once when asked (segments only: a frozen list).
 */
public enum AudienceMode {
    MANUAL,
    DYNAMIC,
    SNAPSHOT
}
