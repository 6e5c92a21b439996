package dev.retain.platform;

/**
 * A module's append-only log and how many months of it to keep. Modules declare one as a bean; the platform's
 * retention job keeps next month's partition ready and drops expired ones.
 */
public record RetentionSchedule(String table, int months) {}
