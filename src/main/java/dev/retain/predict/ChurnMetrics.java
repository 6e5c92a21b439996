package dev.retain.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How well churn probabilities separate who churned on held-out data: ROC AUC, PR AUC (average precision), the lift
 * of the riskiest tenth, the Brier score, and a reliability table (mean predicted against observed churn in ten
 * probability bins).
 */
public record ChurnMetrics(
        long rows,
        double churnRate,
        double rocAuc,
        double prAuc,
        double topDecileLift,
        double brierScore,
        List<ReliabilityBin> reliability) {

    /** Rows with predictions in [{@code from}, {@code to}): their mean prediction and their observed churn rate. */
    public record ReliabilityBin(double from, double to, long rows, double meanPredicted, double observed) {}

    private static final int BINS = 10;

    static ChurnMetrics of(double[] predicted, float[] churned) {
        int n = predicted.length;
        Integer[] byRisk = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(
                byRisk, Comparator.comparingDouble((Integer i) -> predicted[i]).reversed());
        double positives = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            positives += churned[i];
            brier += (predicted[i] - churned[i]) * (predicted[i] - churned[i]);
        }
        double rate = n == 0 ? 0 : positives / n;
        return new ChurnMetrics(
                n,
                rate,
                rocAuc(predicted, churned, positives),
                averagePrecision(byRisk, predicted, churned, positives),
                topDecileLift(byRisk, churned, rate),
                n == 0 ? 0 : brier / n,
                reliability(predicted, churned));
    }

    /** The chance that a random churner scores above a random stayer (ties count half): Mann–Whitney on ranks. */
    private static double rocAuc(double[] predicted, float[] churned, double positives) {
        int n = predicted.length;
        double negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Integer[] ascending = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(ascending, Comparator.comparingDouble(i -> predicted[i]));
        double rankSum = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && predicted[ascending[end + 1]] == predicted[ascending[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                rankSum += churned[ascending[k]] * averageRank;
            }
            start = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /** The mean of the precision at each churner, riskiest first. */
    private static double averagePrecision(Integer[] byRisk, double[] predicted, float[] churned, double positives) {
        if (positives == 0) {
            return Double.NaN;
        }
        double found = 0;
        double sum = 0;
        for (int k = 0; k < byRisk.length; k++) {
            if (churned[byRisk[k]] > 0.5f) {
                found++;
                sum += found / (k + 1);
            }
        }
        return sum / positives;
    }

    /** The churn rate among the riskiest 10% against the overall rate. */
    private static double topDecileLift(Integer[] byRisk, float[] churned, double rate) {
        int top = (int) Math.ceil(byRisk.length / 10.0);
        if (top == 0 || rate == 0) {
            return Double.NaN;
        }
        double found = 0;
        for (int k = 0; k < top; k++) {
            found += churned[byRisk[k]];
        }
        return found / top / rate;
    }

    private static List<ReliabilityBin> reliability(double[] predicted, float[] churned) {
        long[] rows = new long[BINS];
        double[] predictedSums = new double[BINS];
        double[] churnedSums = new double[BINS];
        for (int i = 0; i < predicted.length; i++) {
            int bin = Math.min(BINS - 1, (int) (predicted[i] * BINS));
            rows[bin]++;
            predictedSums[bin] += predicted[i];
            churnedSums[bin] += churned[i];
        }
        var bins = new ArrayList<ReliabilityBin>();
        for (int bin = 0; bin < BINS; bin++) {
            if (rows[bin] > 0) {
                bins.add(new ReliabilityBin(
                        (double) bin / BINS,
                        (double) (bin + 1) / BINS,
                        rows[bin],
                        predictedSums[bin] / rows[bin],
                        churnedSums[bin] / rows[bin]));
            }
        }
        return bins;
    }
}
