package dev.retain.service;

/** How a ticket reached the desk. */
public enum TicketChannel {
    EMAIL,
    WEB_FORM,
    PORTAL,
    API,
    PHONE,
    /** Opened by an agent for another reason (a visit, a chat outside Retain). */
    AGENT
}
