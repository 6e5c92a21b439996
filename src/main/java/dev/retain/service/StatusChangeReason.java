package dev.retain.service;

/** Why a ticket's status changed, in its history. */
public enum StatusChangeReason {
    CREATED,
    CHANGED,
    /** A customer's reply within the reopen days of the solve. */
    REOPENED,
    /** Merged into another ticket, and closed. */
    MERGED,
    CUSTOMER_REPLIED,
    AGENT_REPLIED
}
