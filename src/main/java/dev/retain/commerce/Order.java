package dev.retain.commerce;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * An order: unique per (source, externalId); {@code amount} in its currency, {@code baseAmount} in the company's base
 * currency.
 */
public record Order(
        long id,
        long customerId,
        String source,
        String externalId,
        Instant orderedAt,
        OrderStatus status,
        String currency,
        BigDecimal amount,
        BigDecimal baseAmount,
        String couponCode,
        List<OrderLine> lines) {

    /** The line's amount in the base currency, rounded to cents as the database rounds it. */
    BigDecimal baseAmountOf(OrderLine line) {
        BigDecimal inCurrency = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
        return amount.signum() == 0
                ? inCurrency.setScale(2, RoundingMode.HALF_UP)
                : inCurrency.multiply(baseAmount).divide(amount, 2, RoundingMode.HALF_UP);
    }

    /** One product on an order. */
    public record OrderLine(
            int lineNo, String sku, String productName, String category, int quantity, BigDecimal unitPrice) {}
}
