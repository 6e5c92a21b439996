package dev.retain.commerce;

import java.util.List;

/**
 * Orders were created or changed for these customers. A large batch (an import) names no customers and says {@code manyCustomers}:
 * listeners then treat every customer as changed.
 */
public record OrdersRecorded(List<Long> customerIds, boolean manyCustomers) {

    public static final int MAX_LISTED = 10_000;

    public static OrdersRecorded of(List<Long> customerIds) {
        return customerIds.size() > MAX_LISTED
                ? new OrdersRecorded(List.of(), true)
                : new OrdersRecorded(List.copyOf(customerIds), false);
    }
}
