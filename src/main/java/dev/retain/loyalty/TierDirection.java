package dev.retain.loyalty;

/** Which way a member's tier moved. */
public enum TierDirection {
    UP,
    DOWN
}
