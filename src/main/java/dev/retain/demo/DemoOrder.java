package dev.retain.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order; {@code amount} is the sum of its lines at scale 2.
 *
 * @param externalId the source system's order number, e.g. {@code SO-00000123}
 * @param status {@code PAID}, {@code REFUNDED} or {@code CANCELLED}
 * @param currency {@code CNY}, or {@code USD} for a few English-named customers
 * @param couponCode may be null
 */
public record DemoOrder(
        long id,
        long customerId,
        String externalId,
        Instant orderedAt,
        String status,
        String currency,
        BigDecimal amount,
        String couponCode,
        List<DemoOrderLine> lines) {}
