package dev.retain.segments;

import java.math.BigDecimal;
import java.time.Instant;

/** One scoring run: how many customers were scored, how many changed segment or cell, and the averages used. */
public record RfmRun(
        long id,
        Instant asOf,
        String method,
        Integer windowDays,
        long customers,
        long changed,
        BigDecimal averageRecencyDays,
        BigDecimal averageFrequency,
        BigDecimal averageMonetary,
        long millis) {}
