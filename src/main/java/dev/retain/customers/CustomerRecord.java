package dev.retain.customers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer for a bulk load into an empty table, with its id chosen by the loader and its phone and email already
 * clean (E.164, lower case). {@code identities} are those besides phone and email: its numbers in the company's
 * systems (kind = the system's source name), by which their later orders and events find it.
 */
public record CustomerRecord(
        long id,
        CustomerKind kind,
        String name,
        Phone phone,
        Email email,
        String gender,
        LocalDate birthday,
        String city,
        String region,
        String industry,
        Long ownerId,
        LifecycleStage lifecycleStage,
        String source,
        Instant signedUpAt,
        List<ContactRecord> contacts,
        List<Identity> identities) {

    /** A contact person of a company customer. */
    public record ContactRecord(String name, String title, Phone phone, Email email) {}
}
