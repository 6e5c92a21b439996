package dev.retain.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Picks items with probability proportional to their weights. */
final class WeightedChoice<T> {

    private final List<T> items;
    private final double[] cumulative;

    private WeightedChoice(List<T> items, double[] weights) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to choose from");
        }
        this.items = List.copyOf(items);
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0)) {
                throw new IllegalArgumentException("weights must be positive: " + items.get(i));
            }
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    static <T> WeightedChoice<T> of(List<T> items, ToDoubleFunction<? super T> weight) {
        return new WeightedChoice<>(items, items.stream().mapToDouble(weight).toArray());
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, target);
        // binarySearch gives -(insertion point) - 1 when absent; the insertion point is the chosen slot
        return items.get(index >= 0 ? index + 1 : -index - 1);
    }

    static final class Builder<T> {

        private final List<T> items = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T item, double weight) {
            items.add(item);
            weights.add(weight);
            return this;
        }

        WeightedChoice<T> build() {
            return new WeightedChoice<>(
                    items, weights.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
