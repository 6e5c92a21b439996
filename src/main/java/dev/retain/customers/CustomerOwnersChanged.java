package dev.retain.customers;

import java.util.List;

/**
 * Customers were transferred (转移) to another owner, for the reason given. When {@code tasksFollow}, the previous
 * owners' open tasks for these customers go to the new owner; otherwise they stay where they are.
 */
public record CustomerOwnersChanged(List<OwnerChange> changes, long toOwner, String reason, boolean tasksFollow) {

    /** One customer's owner before the transfer (null: the pool). */
    public record OwnerChange(long customerId, Long fromOwner) {}
}
