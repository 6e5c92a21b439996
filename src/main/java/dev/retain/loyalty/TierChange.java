package dev.retain.loyalty;

import java.math.BigDecimal;
import java.time.Instant;

/** A member's move from one tier to another (null: none), kept in the tier history as {@code historyId}. */
public record TierChange(
        long customerId,
        long historyId,
        String from,
        String to,
        Integer toTierId,
        TierDirection direction,
        BigDecimal qualifying,
        Instant at) {}
