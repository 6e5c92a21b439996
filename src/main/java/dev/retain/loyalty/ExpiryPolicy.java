package dev.retain.loyalty;

/** When an award's points run out. */
public enum ExpiryPolicy {
    /** Never. */
    NEVER,
    /** At the end of the month so many months after the month they were earned in (2027-02-28, 12 → 2028-02-29). */
    END_OF_MONTH,
    /** At the end of the day so many days after the day they were earned on. */
    ROLLING_DAYS
}
