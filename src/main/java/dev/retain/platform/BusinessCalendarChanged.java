package dev.retain.platform;

/**
 * A calendar's working hours or special days changed (published on commit): modules holding times computed on it (SLA
 * due times) compute them again.
 */
public record BusinessCalendarChanged(long calendarId) {}
