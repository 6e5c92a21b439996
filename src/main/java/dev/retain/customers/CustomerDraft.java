package dev.retain.customers;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a person or client submits to create or replace a customer; raw values, checked and cleaned by
 * {@link Customers}. Null status, stage and custom fields keep their defaults.
 */
public record CustomerDraft(
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
        Map<String, ?> customFields) {

    /** The draft that leaves the customer as it is. */
    public static CustomerDraft of(Customer customer) {
        return new CustomerDraft(
                customer.kind(),
                customer.name(),
                customer.phone(),
                customer.email(),
                customer.gender(),
                customer.birthday(),
                customer.city(),
                customer.region(),
                customer.industry(),
                customer.ownerId(),
                customer.status(),
                customer.lifecycleStage(),
                customer.source(),
                customer.customFields());
    }

    public CustomerDraft withLifecycleStage(LifecycleStage stage) {
        return new CustomerDraft(
                kind,
                name,
                phone,
                email,
                gender,
                birthday,
                city,
                region,
                industry,
                ownerId,
                status,
                stage,
                source,
                customFields);
    }

    public CustomerDraft withOwnerId(Long owner) {
        return new CustomerDraft(
                kind,
                name,
                phone,
                email,
                gender,
                birthday,
                city,
                region,
                industry,
                owner,
                status,
                lifecycleStage,
                source,
                customFields);
    }

    public CustomerDraft withCustomFields(Map<String, ?> values) {
        return new CustomerDraft(
                kind,
                name,
                phone,
                email,
                gender,
                birthday,
                city,
                region,
                industry,
                ownerId,
                status,
                lifecycleStage,
                source,
                values);
    }
}
