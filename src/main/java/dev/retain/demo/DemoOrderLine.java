package dev.retain.demo;

import java.math.BigDecimal;

/** One line of a {@link DemoOrder}; {@code unitPrice} is in the order's currency, scale 2. */
public record DemoOrderLine(
        int lineNo, String sku, String productName, String category, int quantity, BigDecimal unitPrice) {}
