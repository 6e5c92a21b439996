package dev.retain.predict;

import dev.retain.platform.InvalidInputException;

/**
 * What a rule X → Y needs to be kept: a share of all buyers who bought both ({@code minSupport}), a share of X's
 * buyers who bought Y ({@code minConfidence}), a lift over Y's own share ({@code minLift}), and a number of customers
 * who bought both ({@code minCustomers}). Products bought by fewer customers than either minimum never form pairs,
 * which keeps the pair count far below the square of the catalogue.
 */
public record AssociationThresholds(double minSupport, double minConfidence, double minLift, int minCustomers) {

    public AssociationThresholds {
        if (!(minSupport >= 0 && minSupport <= 1)) {
            throw new InvalidInputException("minSupport", "must be between 0 and 1");
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new InvalidInputException("minConfidence", "must be between 0 and 1");
        }
        if (!(minLift >= 0)) {
            throw new InvalidInputException("minLift", "must not be negative");
        }
        if (minCustomers < 1) {
            throw new InvalidInputException("minCustomers", "must be at least 1");
        }
    }
}
