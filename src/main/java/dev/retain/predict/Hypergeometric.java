package dev.retain.predict;

/** Gauss's hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1, by its power series summed until it settles. */
final class Hypergeometric {

    private static final int MAX_TERMS = 100_000;

    private Hypergeometric() {}

    static double f21(double a, double b, double c, double z) {
        if (z < 0 || z >= 1) {
            throw new IllegalArgumentException("the series needs 0 <= z < 1, not " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            // Each term from the last, so no factorial or Pochhammer symbol is ever formed whole.
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException("the hypergeometric series did not settle for z = " + z);
    }
}
