package dev.retain.service;

import java.util.List;

/**
 * What the ticket list's BREACHING view shows, decided by the desk's SLAs: a SQL condition over the tickets {@code t}
 * (breached, or due within the configured business minutes), appending the values of its parameters.
 */
public interface BreachingTickets {

    String condition(List<Object> params);
}
