package dev.retain.sales;

import java.math.BigDecimal;
import java.time.Instant;

/** An opportunity was lost, with its amount (base currency) and the reason given. */
public record OpportunityLost(long opportunityId, long customerId, BigDecimal amount, String reason, Instant at) {}
