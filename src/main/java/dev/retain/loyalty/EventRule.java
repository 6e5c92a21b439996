package dev.retain.loyalty;

/**
 * How one customer event earns under a version of the earning rules: each event named {@code event} (as the events
 * module records it, e.g. {@code login}) earns {@code points}, spendable at once, at most {@code dailyCap} events of the
 * name per member and company day and at most {@code lifetimeCap} ever (null: no cap); with a property filter, only
 * events whose property {@code propertyKey} is {@code propertyValue}. {@code label} names it on the ledger and the
 * timeline (null: the event name, or the preset's name in the reader's language).
 */
public record EventRule(
        String event,
        String label,
        int points,
        Integer dailyCap,
        Integer lifetimeCap,
        String propertyKey,
        String propertyValue) {}
