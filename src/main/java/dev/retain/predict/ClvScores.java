package dev.retain.predict;

import dev.retain.platform.PostgresCopy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fits BG/NBD and Gamma-Gamma on every customer's history up to a calibration end and scores each customer: P(alive),
 * purchases expected over the horizon, expected order value, and predicted CLV — expected purchases month by month
 * times the expected order value, discounted monthly.
 */
@Service
public class ClvScores {

    /** What a scoring run fitted and wrote. */
    public record Run(long fitId, Fit<BgNbd> purchases, Fit<GammaGamma> spend, long customers) {}

    private static final int DAYS_PER_MONTH = 30;

    private final PurchaseHistories histories;
    private final ClvFits fits;
    private final JdbcClient jdbc;
    private final PostgresCopy copy;
    private final Clock clock;

    ClvScores(PurchaseHistories histories, ClvFits fits, JdbcClient jdbc, PostgresCopy copy, Clock clock) {
        this.histories = histories;
        this.fits = fits;
        this.jdbc = jdbc;
        this.copy = copy;
        this.clock = clock;
    }

    @Transactional
    public Run score(LocalDate calibrationEnd, TimeUnitOfFit unit, int horizonDays, double monthlyDiscount) {
        List<PurchaseHistories.CustomerHistory> all = histories.asOf(calibrationEnd, unit);
        ClvFits.Models models = ClvFits.fit(all);
        Fit<BgNbd> purchases = models.purchases();
        Fit<GammaGamma> spend = models.spend();
        double overallAverage = all.stream()
                .filter(customer -> customer.spend() != null)
                .mapToDouble(customer -> customer.spend().averageValue())
                .average()
                .orElse(0);
        long fitId = fits.save(calibrationEnd, unit, all.size(), models, null);
        jdbc.sql("truncate clv_scores").update();
        var now = clock.instant();
        copy.into(
                "clv_scores",
                "customer_id, p_alive, expected_purchases, expected_order_value, predicted_clv, fit_id, scored_at",
                rows -> all.forEach(customer -> {
                    BgNbd model = purchases.model();
                    double value = customer.spend() != null && spend != null
                            ? spend.model().expectedAverageValue(customer.spend())
                            : spend != null ? spend.model().populationAverageValue() : overallAverage;
                    rows.row(
                            customer.customerId(),
                            model.probabilityAlive(customer.history()),
                            model.expectedPurchases(customer.history(), unit.of(horizonDays)),
                            Math.round(value * 100) / 100.0,
                            Math.round(lifetimeValue(
                                                    model,
                                                    customer.history(),
                                                    value,
                                                    unit,
                                                    horizonDays,
                                                    monthlyDiscount)
                                            * 100)
                                    / 100.0,
                            fitId,
                            now);
                }));
        return new Run(fitId, purchases, spend, all.size());
    }

    /** Expected purchases in each month of the horizon times the order value, discounted month by month. */
    static double lifetimeValue(
            BgNbd model,
            BgNbd.History history,
            double orderValue,
            TimeUnitOfFit unit,
            int horizonDays,
            double monthlyDiscount) {
        double total = 0;
        double before = 0;
        for (int month = 1; month * DAYS_PER_MONTH <= horizonDays; month++) {
            double upTo = model.expectedPurchases(history, unit.of((long) month * DAYS_PER_MONTH));
            total += (upTo - before) * orderValue / Math.pow(1 + monthlyDiscount, month);
            before = upTo;
        }
        return total;
    }

    /** A customer's scores, if they have any. */
    public Map<String, Object> of(long customerId) {
        return jdbc.sql("""
                        select p_alive, expected_purchases, expected_order_value, predicted_clv, scored_at
                        from clv_scores where customer_id = ?""")
                .param(customerId)
                .query((rs, row) -> Map.<String, Object>of(
                        "pAlive", rs.getDouble(1),
                        "expectedPurchases", rs.getDouble(2),
                        "expectedOrderValue", rs.getBigDecimal(3),
                        "predictedClv", rs.getBigDecimal(4),
                        "scoredAt", rs.getTimestamp(5).toInstant()))
                .optional()
                .orElse(Map.of());
    }
}
