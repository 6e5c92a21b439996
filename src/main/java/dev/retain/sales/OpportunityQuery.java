package dev.retain.sales;

import java.time.YearMonth;

/**
 * Which opportunities a list shows; every part is optional: an owner, a stage, a status, the month they are expected to
 * close in, a customer, and only the stuck ones.
 */
public record OpportunityQuery(
        Long ownerId,
        Long stageId,
        OpportunityStatus status,
        YearMonth closingMonth,
        Long customerId,
        boolean stuckOnly) {

    public static final OpportunityQuery ALL = new OpportunityQuery(null, null, null, null, null, false);

    public static OpportunityQuery open() {
        return new OpportunityQuery(null, null, OpportunityStatus.OPEN, null, null, false);
    }
}
