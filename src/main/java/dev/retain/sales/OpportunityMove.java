package dev.retain.sales;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One step of an opportunity's history: from and to which stage (by id and name as they are now; {@code fromStageId}
 * is null for a creation, both stay the last stage for a win or a loss), the amount at that moment, the reason of a
 * loss, who and when.
 */
public record OpportunityMove(
        long id,
        long opportunityId,
        long customerId,
        OpportunityMoveKind kind,
        Long fromStageId,
        String fromStage,
        Long toStageId,
        String toStage,
        BigDecimal amount,
        String reason,
        String actor,
        Instant at) {}
