package dev.retain.service;

/** Who wrote a message of a ticket's thread. */
public enum AuthorKind {
    CUSTOMER,
    AGENT,
    /** The desk itself: a merge, a reopen. */
    SYSTEM
}
