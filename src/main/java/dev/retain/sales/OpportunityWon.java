package dev.retain.sales;

import java.math.BigDecimal;
import java.time.Instant;

/** An opportunity was won: for the amount (base currency), with the order it became (null when none). */
public record OpportunityWon(long opportunityId, long customerId, BigDecimal amount, Long orderId, Instant at) {}
