package dev.retain.ingest.cleansing;

/**
 * How to read a date such as {@code 05/01/2026} whose first two parts could each be the day or the month: the file
 * says nothing, so the person importing it does.
 */
public enum DayMonthOrder {
    /** {@code 05/01/2026} is 5 January 2026, as in Britain, Hong Kong and most of Europe. */
    DAY_FIRST,
    /** {@code 05/01/2026} is 1 May 2026, as in the United States. */
    MONTH_FIRST
}
