/**
 * Events: what customers do (page views, logins, email opens, support contacts, …), append-only, partitioned by month
 * and kept for a configurable number of months.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Events")
package dev.retain.events;
