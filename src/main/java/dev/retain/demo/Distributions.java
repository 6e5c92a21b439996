package dev.retain.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The random variates the demo model needs. Written out (and on {@link StrictMath}) rather than taken from the JDK so
 * that a seed yields the same data on every JDK and CPU.
 */
final class Distributions {

    private Distributions() {}

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    static <T> T any(SplittableRandom random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Gamma(shape, scale) by Marsaglia and Tsang; shapes below 1 are boosted by one and scaled back by U^(1/shape). */
    static double gamma(SplittableRandom random, double shape, double scale) {
        if (shape < 1) {
            return gamma(random, shape + 1, scale) * StrictMath.pow(openUniform(random), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = openUniform(random);
            if (u < 1 - 0.0331 * x * x * x * x || StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
                return d * v * scale;
            }
        }
    }

    /** Gamma with the given mean; smaller shapes spread wider. */
    static double gammaWithMean(SplittableRandom random, double shape, double mean) {
        return gamma(random, shape, mean / shape);
    }

    static double beta(SplittableRandom random, double a, double b) {
        double x = gamma(random, a, 1);
        double y = gamma(random, b, 1);
        return x / (x + y);
    }

    static double exponential(SplittableRandom random, double mean) {
        return -mean * StrictMath.log(openUniform(random));
    }

    /** Knuth's multiplication method: fine for the small means used here. */
    static int poisson(SplittableRandom random, double mean) {
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** Standard normal by Marsaglia's polar method (the second variate is discarded to keep no state). */
    static double normal(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
            }
        }
    }

    /** Uniform on (0, 1], safe to take the logarithm of. */
    private static double openUniform(SplittableRandom random) {
        return 1 - random.nextDouble();
    }
}
