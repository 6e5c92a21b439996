package dev.retain.service.dispatch;

/** How a team chooses among its agents who may take a ticket. */
public enum DispatchStrategy {
    /** In turn, by user id, skipping agents who may not take the ticket. */
    ROUND_ROBIN,
    /** The agent with the fewest open tickets; on a tie, the one who got a ticket longest ago. */
    LEAST_LOADED
}
