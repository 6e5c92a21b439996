package dev.retain.messaging;

/** Why a customer is on the suppression list. */
public enum SuppressionReason {
    UNSUBSCRIBED,
    BOUNCED,
    NO_CONSENT,
    MANUAL
}
