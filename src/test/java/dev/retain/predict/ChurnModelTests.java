package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChurnModelTests {

    /**
     * Buyers whose churn depends on their refund share and on how overdue they are (against their own rhythm); every
     * other feature is noise.
     */
    private static FeatureTable planted(int rows, long seed) {
        var random = new Random(seed);
        long[] ids = new long[rows];
        float[] values = new float[rows * FeatureTable.COLUMNS];
        float[] churned = new float[rows];
        for (int row = 0; row < rows; row++) {
            ids[row] = row + 1;
            for (ChurnFeature feature : ChurnFeature.values()) {
                values[row * FeatureTable.COLUMNS + feature.ordinal()] = random.nextInt(50);
            }
            float refundShare = random.nextFloat() < 0.3 ? 0.5f + random.nextFloat() / 2 : random.nextFloat() / 10;
            float overdue = random.nextFloat() * 4;
            values[row * FeatureTable.COLUMNS + ChurnFeature.REFUND_SHARE.ordinal()] = refundShare;
            values[row * FeatureTable.COLUMNS + ChurnFeature.OVERDUE_RATIO.ordinal()] = overdue;
            double logOdds = -2 + 5 * refundShare + 0.8 * overdue;
            churned[row] = random.nextDouble() < 1 / (1 + Math.exp(-logOdds)) ? 1 : 0;
        }
        return new FeatureTable(ids, values, churned);
    }

    @Test
    void bothModelsFindAPlantedSignalAndNameItAsTheReason() {
        FeatureTable training = planted(4000, 1);
        FeatureTable validation = planted(2000, 2);

        for (ChurnModel model : List.of(BoostedTreesChurnModel.train(training), LogisticChurnModel.train(training))) {
            ChurnMetrics metrics = ChurnMetrics.of(model.probabilities(validation), validation.churned());
            assertThat(metrics.rocAuc()).as(model.algorithm() + " ROC AUC").isGreaterThan(0.75);
            assertThat(metrics.topDecileLift()).as(model.algorithm() + " lift").isGreaterThan(1.3);

            float[][] contributions = model.contributions(validation);
            int refunder =
                    riskiestWith(model, validation, row -> validation.value(row, ChurnFeature.REFUND_SHARE) > 0.9);
            assertThat(ChurnReason.of(validation, refunder, contributions[refunder]))
                    .as(model.algorithm() + " reasons of a customer with most orders refunded")
                    .first()
                    .satisfies(reason -> {
                        assertThat(reason.feature()).isEqualTo("refund_share");
                        assertThat(reason.values().get(0)).isGreaterThanOrEqualTo(90);
                    });

            ChurnModel reloaded = model.algorithm() == ChurnAlgorithm.BOOSTED_TREES
                    ? BoostedTreesChurnModel.load(model.bytes())
                    : LogisticChurnModel.load(model.bytes());
            assertThat(reloaded.probabilities(validation)[7])
                    .isCloseTo(model.probabilities(validation)[7], within(1e-6));
        }
    }

    @Test
    void theTreesContributionsAddUpToEachCustomersLogOddsLessOneConstant() {
        FeatureTable training = planted(3000, 3);
        FeatureTable customers = planted(200, 4);
        ChurnModel trees = BoostedTreesChurnModel.train(training);

        double[] probabilities = trees.probabilities(customers);
        float[][] contributions = trees.contributions(customers);

        double constant = Double.NaN;
        for (int row = 0; row < customers.rows(); row++) {
            double logOdds = Math.log(probabilities[row] / (1 - probabilities[row]));
            double sum = 0;
            for (float contribution : contributions[row]) {
                sum += contribution;
            }
            if (Double.isNaN(constant)) {
                constant = logOdds - sum;
            }
            assertThat(logOdds - sum).as("row %d", row).isCloseTo(constant, within(1e-3));
        }
    }

    private static int riskiestWith(ChurnModel model, FeatureTable table, java.util.function.IntPredicate which) {
        double[] probabilities = model.probabilities(table);
        int best = -1;
        for (int row = 0; row < table.rows(); row++) {
            if (which.test(row) && (best < 0 || probabilities[row] > probabilities[best])) {
                best = row;
            }
        }
        return best;
    }

    @Test
    void metricsMatchHandComputedValues() {
        double[] predicted = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.05};
        float[] churned = {1, 1, 0, 1, 0, 0, 1, 0, 0, 0};

        ChurnMetrics metrics = ChurnMetrics.of(predicted, churned);

        // churners at ranks (highest first) 1, 2, 4, 7: of 4 × 6 pairs, the churner is above in 6+6+5+3 = 20
        assertThat(metrics.rocAuc()).isCloseTo(20 / 24.0, within(1e-12));
        // precision at each churner: 1/1, 2/2, 3/4, 4/7
        assertThat(metrics.prAuc()).isCloseTo((1 + 1 + 0.75 + 4 / 7.0) / 4, within(1e-12));
        // the top tenth is the first row, a churner: rate 1 against 0.4
        assertThat(metrics.topDecileLift()).isCloseTo(2.5, within(1e-12));
        assertThat(metrics.churnRate()).isEqualTo(0.4);
        double brier = 0;
        for (int i = 0; i < predicted.length; i++) {
            brier += Math.pow(predicted[i] - churned[i], 2);
        }
        assertThat(metrics.brierScore()).isCloseTo(brier / 10, within(1e-12));
        assertThat(metrics.reliability())
                .filteredOn(bin -> bin.from() == 0.5)
                .singleElement()
                .satisfies(bin -> {
                    assertThat(bin.rows()).isEqualTo(1);
                    assertThat(bin.meanPredicted()).isEqualTo(0.55);
                    assertThat(bin.observed()).isZero();
                });
        assertThat(ChurnMetrics.of(new double[] {0.5, 0.5}, new float[] {1, 0}).rocAuc())
                .isEqualTo(0.5);
    }
}
