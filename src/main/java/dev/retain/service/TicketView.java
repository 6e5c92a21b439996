package dev.retain.service;

/** The ticket list's ready-made views. */
public enum TicketView {
    /** Open tickets assigned to the viewer. */
    MINE,
    /** Open tickets of the viewer's team (assigned to its members, or waiting in its queue). */
    TEAM,
    /** Open tickets nobody has taken. */
    UNASSIGNED,
    /** Every open ticket the viewer may see. */
    OPEN,
    /** Open tickets with an SLA target breached or due soon (in business time). */
    BREACHING,
    SOLVED,
    /** Every ticket, whatever its status. */
    ALL
}
