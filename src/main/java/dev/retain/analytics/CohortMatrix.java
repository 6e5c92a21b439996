package dev.retain.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Customers by the month of their first paid order (the cohort) and the months since: how many of the cohort ordered in
 * each month, and what they spent. {@code builtAt} says when the precomputed matrix was built; null when it was computed
 * for this request (a narrowed scope).
 */
public record CohortMatrix(List<Cohort> cohorts, int maxMonthsSince, Instant builtAt) {

    public record Cohort(LocalDate month, long customers, List<Cell> cells) {

        public Cell cell(int monthsSince) {
            return monthsSince < cells.size() ? cells.get(monthsSince) : null;
        }
    }

    /** {@code share} is {@code customers} over the cohort's size. */
    public record Cell(int monthsSince, long customers, BigDecimal revenue, double share) {}
}
