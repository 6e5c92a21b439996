package dev.retain.sales;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An opportunity (商机): a deal with a customer moving through the funnel's stages until won or lost. The amount is in
 * the base currency ({@code currency}); {@code stageEnteredAt} is when it last moved, and {@code stuckDays} how many
 * days it has stood in its stage when that is longer than the stage allows (null when it is not stuck). {@code version} counts its changes,
 * for updates that must not overwrite someone else's.
 */
public record Opportunity(
        long id,
        long customerId,
        String customerName,
        String title,
        long stageId,
        String stageName,
        int probability,
        OpportunityStatus status,
        BigDecimal amount,
        String currency,
        LocalDate expectedCloseOn,
        Long ownerId,
        String ownerName,
        String notes,
        String lostReason,
        Long orderId,
        List<OpportunityLine> lines,
        Instant stageEnteredAt,
        Long stuckDays,
        Instant closedAt,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    public boolean stuck() {
        return stuckDays != null;
    }

    /** The amount weighted by the stage's chance of winning: what the forecast counts. */
    public BigDecimal weightedAmount() {
        return amount.multiply(BigDecimal.valueOf(probability)).movePointLeft(2);
    }
}
