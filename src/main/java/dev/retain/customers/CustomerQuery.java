package dev.retain.customers;

/**
 * A search of the customer list: free text over name, phone and email, filters, and a sort. Nulls mean "any".
 */
public record CustomerQuery(
        String text,
        CustomerKind kind,
        LifecycleStage stage,
        Long ownerId,
        String city,
        Sort sort,
        boolean descending) {

    /** The columns a list can be sorted by; never taken from input as SQL. */
    public enum Sort {
        NAME("name"),
        CREATED("created_at"),
        UPDATED("updated_at"),
        CITY("city");

        final String column;

        Sort(String column) {
            this.column = column;
        }
    }

    public static CustomerQuery all() {
        return new CustomerQuery(null, null, null, null, null, Sort.CREATED, true);
    }
}
