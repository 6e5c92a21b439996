package dev.retain.customers;

/** Whether the company still deals with the customer at all (independent of buying behaviour). */
public enum CustomerStatus {
    ACTIVE,
    INACTIVE
}
