package dev.retain.predict;

/**
 * A product to offer a customer who has not bought it, from the strongest rule whose antecedent ({@code becauseSku})
 * they did buy.
 */
public record Recommendation(
        String sku, String name, double confidence, double lift, String becauseSku, String becauseName) {}
