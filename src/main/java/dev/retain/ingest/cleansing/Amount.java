package dev.retain.ingest.cleansing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A sum of money read from a cell, exactly as written (no rounding).
 *
 * @param currency ISO 4217 code in upper case, or {@code null} when the text did not say, so the import applies the
 *     file's or the company's currency
 */
public record Amount(BigDecimal value, String currency) {

    public Amount {
        Objects.requireNonNull(value, "value");
    }
}
