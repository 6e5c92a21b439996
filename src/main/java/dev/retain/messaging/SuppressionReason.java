package dev.retain.messaging;

/** Why a customer is on the suppression list. */
public enum SuppressionReason {
    /** The customer asked not to be messaged: by an unsubscribe link, or in words to a member of staff. */
    UNSUBSCRIBED,
    BOUNCED,
    NO_CONSENT,
    MANUAL;

    /**
     * Whether the customer chose this, rather than staff or a bounce: such an entry is lifted only by an admin, with a
     * reason, and it takes precedence over an entry staff made for the same channel.
     */
    public boolean chosenByCustomer() {
        return this == UNSUBSCRIBED;
    }
}
