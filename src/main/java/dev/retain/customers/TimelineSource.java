package dev.retain.customers;

import java.time.Instant;
import java.util.List;

/**
 * Where the customer page's timeline gets one kind of entry (orders, events, messages, …). The customers module knows
 * none of them: each module declares a bean. The timeline asks every source for the entries before a cursor and
 * keeps the newest, so each source must answer with one index-backed query that reads about {@code limit} rows, not
 * the customer's whole history.
 */
public interface TimelineSource {

    /** The kind of the entries, one lower-case word ("order"); the filter on the page and in the API uses it. */
    String kind();

    /** Position of the kind's filter on the page, lower first. */
    int order();

    /** The customer's entries strictly before {@code before}, newest first, at most {@code limit}. */
    List<TimelineEntry> entries(long customerId, Instant before, int limit);
}
