/**
 * Platform: what every business module stands on — the database (its roles, backups and restore), users, roles and
 * sign-in, API keys, the audit log, monthly partitions of append-only logs, business calendars (working hours,
 * holidays and 调休 days), the web shell and API error format.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package dev.retain.platform;
