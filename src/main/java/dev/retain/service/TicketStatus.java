package dev.retain.service;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket stands. NEW until someone works on it; OPEN while the desk works; PENDING_CUSTOMER waiting for the
 * customer's answer; ON_HOLD waiting on someone else (a supplier, the warehouse); SOLVED when the desk considers it
 * done (the customer may still reply and reopen it); CLOSED for good.
 */
public enum TicketStatus {
    NEW,
    OPEN,
    PENDING_CUSTOMER,
    ON_HOLD,
    SOLVED,
    CLOSED;

    /** Still work for the desk: neither solved nor closed. */
    public boolean isOpen() {
        return this != SOLVED && this != CLOSED;
    }

    /** The statuses a person may move a ticket to from this one (a reopen by a customer's reply aside). */
    public Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING_CUSTOMER, ON_HOLD, SOLVED, CLOSED);
            case OPEN -> EnumSet.of(PENDING_CUSTOMER, ON_HOLD, SOLVED, CLOSED);
            case PENDING_CUSTOMER -> EnumSet.of(OPEN, ON_HOLD, SOLVED, CLOSED);
            case ON_HOLD -> EnumSet.of(OPEN, PENDING_CUSTOMER, SOLVED, CLOSED);
            case SOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean mayMoveTo(TicketStatus to) {
        return next().contains(to);
    }

    /** The statuses that count as open, for SQL. */
    public static final String OPEN_SQL = "('NEW', 'OPEN', 'PENDING_CUSTOMER', 'ON_HOLD')";
}
