package dev.retain.loyalty;

/** How an amount times the points per unit becomes whole points. */
public enum Rounding {
    DOWN,
    HALF_UP,
    UP
}
