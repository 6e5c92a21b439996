package dev.retain.customers;

import java.time.Instant;

/** Two customers that may be one, waiting for a person to merge or dismiss them. */
public record DuplicateCandidate(
        long id, Customer customer, Customer other, String reason, String status, Instant createdAt) {}
