package dev.retain.customers;

import java.util.List;

/**
 * Customer profiles were created or changed for these customers. A large batch (an import) names no customers and says {@code manyCustomers}:
 * listeners then treat every customer as changed.
 */
public record CustomersChanged(List<Long> customerIds, boolean manyCustomers) {

    public static final int MAX_LISTED = 10_000;

    public static CustomersChanged of(List<Long> customerIds) {
        return customerIds.size() > MAX_LISTED
                ? new CustomersChanged(List.of(), true)
                : new CustomersChanged(List.copyOf(customerIds), false);
    }
}
