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
        Long mergedInto) {}
