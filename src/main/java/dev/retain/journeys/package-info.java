/**
 * Journeys: versioned graphs of triggers, actions, waits, branches, splits and goals that customers walk through one
 * durable step at a time, with holdout groups and entry limits, and the history that measures them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Journeys")
package dev.retain.journeys;
