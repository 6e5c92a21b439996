package dev.retain.commerce;

import java.math.BigDecimal;
import java.time.Instant;

/** A customer's buying at a glance: paid orders, spend net of refunds, average order value, first and last order. */
public record CustomerOrderSummary(
        long paidOrders, BigDecimal spend, BigDecimal averageOrderValue, Instant firstOrderAt, Instant lastOrderAt) {}
