package dev.retain.demo;

import java.math.BigDecimal;

/** A catalogue product; {@code price} is the list price in CNY, scale 2. */
public record DemoProduct(String sku, String name, String category, BigDecimal price) {}
