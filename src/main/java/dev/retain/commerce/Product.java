package dev.retain.commerce;

import java.math.BigDecimal;

/** A product in the catalogue, with its category and list price. */
public record Product(String sku, String name, String category, BigDecimal price) {}
