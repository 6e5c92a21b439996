package dev.retain.segments;

import java.math.BigDecimal;
import java.time.Instant;

/** A customer's RFM figures and scores as of the last run. */
public record RfmScore(
        long customerId,
        int recencyDays,
        int frequency,
        BigDecimal monetary,
        int r,
        int f,
        int m,
        RfmSegment segment,
        ValueCell valueCell,
        Instant scoredAt) {}
