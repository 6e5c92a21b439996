package dev.retain.predict;

import java.time.Instant;

/**
 * A rule "customers who bought X also buy Y": X is the antecedent, Y the consequent. {@code missingCustomers} bought X
 * but not Y when it was computed.
 */
public record ProductAssociation(
        String antecedentSku,
        String antecedentName,
        String consequentSku,
        String consequentName,
        long bothCustomers,
        long antecedentCustomers,
        long consequentCustomers,
        long missingCustomers,
        double support,
        double confidence,
        double lift,
        Instant computedAt) {}
