package dev.retain.events;

import java.util.List;

/**
 * Events were recorded for these customers. A large batch (an import) names no customers and says {@code manyCustomers}:
 * listeners then treat every customer as changed.
 */
public record EventsRecorded(List<Long> customerIds, boolean manyCustomers) {

    public static final int MAX_LISTED = 10_000;

    public static EventsRecorded of(List<Long> customerIds) {
        return customerIds.size() > MAX_LISTED
                ? new EventsRecorded(List.of(), true)
                : new EventsRecorded(List.copyOf(customerIds), false);
    }
}
