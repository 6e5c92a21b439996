package dev.retain.customers;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's part in a person's requests under PIPL and the GDPR: it names every table of its own that holds rows of a
 * customer, hands those rows over for the subject's export, and deletes or strips them when the customer is erased.
 * Each module that keeps customer-keyed rows declares one; a test checks that every table with a {@code customer_id}
 * column is named by exactly one holder, so a new table cannot be forgotten.
 */
public interface PersonalDataHolder {

    /** The module's name, heading its part of the export ("commerce"). */
    String module();

    /** The module's tables with a {@code customer_id} column. */
    List<String> tables();

    /** The customer's rows, table by table ({@link PersonalDataRows#of}). */
    Map<String, List<Map<String, Object>>> export(long customerId);

    /**
     * Deletes the customer's rows, or keeps the ones the company needs (orders for its accounts) without anything
     * that identifies the person. Runs in the erasure's transaction, before the customer itself is deleted.
     */
    void erase(ErasedCustomer customer);

    /**
     * Which of these customers did something with the company since then (ordered, came back, was followed up), in
     * this module's records: the retention policy erases none of them. Modules without such records answer none.
     */
    default Set<Long> activeSince(Instant since, List<Long> customerIds) {
        return Set.of();
    }

    /**
     * The customer being erased, with what identified them (phone, email, external ids; never masked), for the rows
     * that hold those values without the customer's id.
     */
    record ErasedCustomer(long id, String name, List<Identity> identities) {}
}
