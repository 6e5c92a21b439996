package dev.retain.service;

/** How urgent a ticket is, lowest first. */
public enum TicketPriority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
