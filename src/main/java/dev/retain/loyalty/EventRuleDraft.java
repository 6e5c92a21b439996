package dev.retain.loyalty;

/**
 * An event rule as an admin writes it. A {@code preset} ({@link EventPreset}'s name, e.g. {@code SIGN_IN}) fills the
 * event name, points and caps not given; without one the event name and points are required.
 */
public record EventRuleDraft(
        String preset,
        String event,
        String label,
        Integer points,
        Integer dailyCap,
        Integer lifetimeCap,
        String propertyKey,
        String propertyValue) {

    /** A rule for an event name without a preset or property filter. */
    public static EventRuleDraft of(String event, int points, Integer dailyCap, Integer lifetimeCap) {
        return new EventRuleDraft(null, event, null, points, dailyCap, lifetimeCap, null, null);
    }

    /** The draft of a rule as it stands, to write it into a new version unchanged. */
    public static EventRuleDraft of(EventRule rule) {
        return new EventRuleDraft(
                null,
                rule.event(),
                rule.label(),
                rule.points(),
                rule.dailyCap(),
                rule.lifetimeCap(),
                rule.propertyKey(),
                rule.propertyValue());
    }
}
