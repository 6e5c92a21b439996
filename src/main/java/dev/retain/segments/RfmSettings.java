package dev.retain.segments;

import java.math.BigDecimal;
import java.util.List;

/**
 * How RFM is scored. {@code QUINTILES}: each score 1–5 by the customer's rank among scored customers (equal values get
 * the same score, that of the lowest among them). {@code THRESHOLDS}: four ascending cut points per dimension — R is
 * 5 for recency at or below the first cut (in days), down to 1 above the last; F and M are 1 at or below the first cut
 * up to 5 above the last. {@code windowDays} limits the orders counted (null: all of them).
 */
public record RfmSettings(
        String method,
        Integer windowDays,
        List<BigDecimal> recencyCuts,
        List<BigDecimal> frequencyCuts,
        List<BigDecimal> monetaryCuts) {

    public static final String QUINTILES = "QUINTILES";
    public static final String THRESHOLDS = "THRESHOLDS";
}
