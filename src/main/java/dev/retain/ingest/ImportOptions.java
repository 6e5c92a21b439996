package dev.retain.ingest;

import java.util.Locale;

/**
 * How to read a file's values: whether 05/01/2026 is the 5th of January ({@code dayFirst}), the currency of amounts
 * that do not say, and the share of rejected rows above which the command line reports failure.
 */
public record ImportOptions(boolean dayFirst, String defaultCurrency, double maxRejectedShare) {

    /** Options as a form or request gives them, with the default limit of rejected rows. */
    public static ImportOptions of(boolean dayFirst, String currency) {
        return new ImportOptions(dayFirst, currency.strip().toUpperCase(Locale.ROOT), 0.05);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(false, "CNY", 0.05);
    }
}
