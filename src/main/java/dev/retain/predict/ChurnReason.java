package dev.retain.predict;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One of the features that raise a customer's churn risk most: how much it adds to the log-odds, and the values its
 * text names ({@code churn.reason.<feature>}).
 */
public record ChurnReason(String feature, double contribution, List<Double> values) {

    /** Contributions below this hardly move the risk and are not worth a reason. */
    static final double MIN_CONTRIBUTION = 0.05;

    static final int MAX_REASONS = 3;

    /** The row's strongest positive contributions, strongest first. */
    static List<ChurnReason> of(FeatureTable table, int row, float[] contributions) {
        ChurnFeature[] features = ChurnFeature.values();
        return IntStream.range(0, features.length)
                .filter(i -> contributions[i] >= MIN_CONTRIBUTION)
                .boxed()
                .sorted((x, y) -> Float.compare(contributions[y], contributions[x]))
                .limit(MAX_REASONS)
                .map(i -> {
                    ChurnFeature feature = features[i];
                    List<Double> values = Arrays.stream(feature.shown())
                            .map(shown -> shown.shownValue(table.value(row, shown)))
                            .toList();
                    return new ChurnReason(feature.key(), Math.round(contributions[i] * 1000) / 1000.0, values);
                })
                .toList();
    }
}
