package dev.retain.service.sla;

/**
 * What an SLA measures: the first public reply after the ticket opened, each next public reply after a customer's
 * message (once the first response was given), and the solve.
 */
public enum SlaTarget {
    FIRST_RESPONSE,
    NEXT_RESPONSE,
    RESOLUTION
}
