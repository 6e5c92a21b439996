package dev.retain.platform;

import java.util.Map;

/**
 * Where reminders come from: the module that owns the facts (follow-ups, tasks, birthdays) declares one bean per kind,
 * and the notifications module's producer run turns its rows into notifications, set-based, once per recipient and
 * subject however often it runs. It lives in the platform, like {@link HomeBlock}, so that the modules owning the facts
 * need not depend on the notifications module (which sends its digest through messaging, itself built on customers).
 *
 * <p>{@link #select()} is one SQL select of the rows due now, with the columns {@code customer_id}, {@code recipient_id}
 * (a user id; rows without one are skipped), {@code subject} (what makes the thing unique for that customer and
 * recipient, e.g. {@code task:42}: the same subject is never notified twice), {@code due_at} (timestamptz or null) and
 * {@code detail} (text shown with it, or null). It may use the parameters {@code :now} (timestamptz), {@code :today}
 * (date in the company's zone), {@code :zone} (the zone's name), {@code :since} (timestamptz: things that fell due
 * before it are older than the producer's memory and are left out, so a first run does not bury a user under years of
 * old reminders) and its own {@link #parameters()}.
 */
public interface NotificationSource {

    /** How often the producer looks: every few minutes (things due at a time) or once a day (things due on a day). */
    enum Cadence {
        FREQUENT,
        DAILY
    }

    NotificationKind kind();

    Cadence cadence();

    String select();

    default Map<String, Object> parameters() {
        return Map.of();
    }

    /** False when a setting switches the source off (no contract field named, say). */
    default boolean enabled() {
        return true;
    }
}
