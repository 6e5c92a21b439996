package dev.retain.sales;

import java.math.BigDecimal;

/** A product an opportunity is about: a catalogue SKU (null for a product outside it), its name, quantity and price. */
public record OpportunityLine(String sku, String name, int quantity, BigDecimal unitPrice) {

    public BigDecimal total() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
