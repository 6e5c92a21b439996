package dev.retain.loyalty;

/** A redemption or deduction larger than the member's spendable points; nothing was written. */
public class NotEnoughPointsException extends RuntimeException {

    private final long customerId;
    private final long active;
    private final long requested;

    public NotEnoughPointsException(long customerId, long active, long requested) {
        super("Not enough points: customer " + customerId + " has " + active + " spendable points, " + requested
                + " were asked for");
        this.customerId = customerId;
        this.active = active;
        this.requested = requested;
    }

    public long customerId() {
        return customerId;
    }

    /** The member's spendable points. */
    public long active() {
        return active;
    }

    public long requested() {
        return requested;
    }
}
