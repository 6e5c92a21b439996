package dev.retain.customers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A customer's profile as stored: phone in E.164, email lower-cased, custom field values typed. {@code mergedInto} is
 * set when the customer was merged into another one (and so no longer listed).
 */
public record Customer(
        long id,
        CustomerKind kind,
        String name,
        String phone,
        String email,
        String gender,
        LocalDate birthday,
        String city,
        String region,
        String industry,
        Long ownerId,
        CustomerStatus status,
        LifecycleStage lifecycleStage,
        String source,
        Map<String, Object> customFields,
        Instant signedUpAt,
        Instant createdAt,
        Instant updatedAt,
        int version,
        Long mergedInto) {

    /** The same customer shown with this phone and email (masked, or left out). */
    public Customer withContact(String shownPhone, String shownEmail) {
        return new Customer(
                id,
                kind,
                name,
                shownPhone,
                shownEmail,
                gender,
                birthday,
                city,
                region,
                industry,
                ownerId,
                status,
                lifecycleStage,
                source,
                customFields,
                signedUpAt,
                createdAt,
                updatedAt,
                version,
                mergedInto);
    }

    /** The same customer shown without its birthday. */
    public Customer withoutBirthday() {
        return new Customer(
                id,
                kind,
                name,
                phone,
                email,
                gender,
                null,
                city,
                region,
                industry,
                ownerId,
                status,
                lifecycleStage,
                source,
                customFields,
                signedUpAt,
                createdAt,
                updatedAt,
                version,
                mergedInto);
    }
}
