package dev.retain.customers;

import java.time.Instant;
import java.util.List;

/**
 * Entries of a customer's timeline, newest first; {@code next} is the cursor for the older ones (pass it as
 * {@code before}), null when there are none.
 */
public record TimelinePage(List<TimelineEntry> entries, Instant next) {}
