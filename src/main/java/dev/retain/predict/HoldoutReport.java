package dev.retain.predict;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a BG/NBD fit on a calibration period predicted the period after it: customers grouped by their repeat purchases
 * in the calibration period (the last group holds everyone with {@link #TOP_GROUP} or more), with the average purchases
 * each group made in the holdout period and the average the model expected.
 */
public record HoldoutReport(
        LocalDate calibrationEnd,
        LocalDate holdoutEnd,
        double holdoutLength,
        List<Group> groups,
        double actualPurchases,
        double predictedPurchases) {

    /** Customers with {@code repeatPurchases} (e.g. "3", or "7+") in the calibration period. */
    public record Group(String repeatPurchases, long customers, double actualAverage, double predictedAverage) {}

    static final int TOP_GROUP = 7;

    /**
     * Compares the model's expectation over the holdout period with what {@code histories}' customers bought in it
     * ({@code actual}: purchases per customer, absent for none).
     */
    static HoldoutReport of(
            BgNbd model,
            List<PurchaseHistories.CustomerHistory> histories,
            Map<Long, Integer> actual,
            LocalDate calibrationEnd,
            LocalDate holdoutEnd,
            TimeUnitOfFit unit) {
        double length = unit.of(ChronoUnit.DAYS.between(calibrationEnd, holdoutEnd));
        long[] customers = new long[TOP_GROUP + 1];
        double[] actualSums = new double[TOP_GROUP + 1];
        double[] predictedSums = new double[TOP_GROUP + 1];
        for (PurchaseHistories.CustomerHistory customer : histories) {
            int group = Math.min(customer.history().frequency(), TOP_GROUP);
            customers[group]++;
            actualSums[group] += actual.getOrDefault(customer.customerId(), 0);
            predictedSums[group] += model.expectedPurchases(customer.history(), length);
        }
        var groups = new ArrayList<Group>();
        double actualTotal = 0;
        double predictedTotal = 0;
        for (int group = 0; group <= TOP_GROUP; group++) {
            actualTotal += actualSums[group];
            predictedTotal += predictedSums[group];
            if (customers[group] > 0) {
                groups.add(new Group(
                        group == TOP_GROUP ? TOP_GROUP + "+" : String.valueOf(group),
                        customers[group],
                        actualSums[group] / customers[group],
                        predictedSums[group] / customers[group]));
            }
        }
        return new HoldoutReport(calibrationEnd, holdoutEnd, length, groups, actualTotal, predictedTotal);
    }
}
