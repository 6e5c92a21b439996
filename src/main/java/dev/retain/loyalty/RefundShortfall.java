package dev.retain.loyalty;

/**
 * What a refund does when the points its order earned are partly spent already. Either way the points are taken back,
 * never lost: first what is left of the order's own points, then — for the part already spent — the member's other
 * spendable points, closest to expiry first.
 */
public enum RefundShortfall {
    /** What the spendable points do not cover leaves the balance negative, paid back from the next points. */
    NEGATIVE_BALANCE,
    /** The member's pending points are clawed back too before the balance goes negative. */
    CLAW_BACK
}
