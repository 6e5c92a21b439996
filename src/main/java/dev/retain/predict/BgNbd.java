package dev.retain.predict;

import java.util.List;

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a customer buys at
 * rate λ ~ Gamma(r, α); after each purchase they drop out with probability p ~ Beta(a, b). Everything is computed in
 * log space, so customers with many purchases or long histories do not overflow.
 */
public record BgNbd(double r, double alpha, double a, double b) {

    /** A customer's history in the model's time unit: repeat purchases, time of the last one, age. */
    public record History(int frequency, double recency, double age) {}

    /**
     * The maximum-likelihood fit on customers' histories (the first purchase is not a repeat; purchases on the same day
     * count once). Customers with the same history are counted together.
     */
    public static Fit<BgNbd> fit(List<History> histories) {
        var likelihood = new BgNbdLikelihood(histories);
        var estimate = MaximumLikelihood.fit(
                parameters -> likelihood.of(new BgNbd(parameters[0], parameters[1], parameters[2], parameters[3])),
                new double[] {1, 1, 1, 1});
        double[] v = estimate.values();
        return estimate.fitOf(new BgNbd(v[0], v[1], v[2], v[3]));
    }

    /**
     * The log-likelihood of one customer's history. The gamma-function ratios are sums of logs and the powers are
     * written with {@code log1p}, so that it stays exact when r, α or b grow large (purchase rates alike across
     * customers).
     */
    public double logLikelihood(History h) {
        int x = h.frequency();
        double ratios = 0; // log Γ(r+x)/Γ(r) + log B(a, b+x)/B(a, b)
        for (int i = 0; i < x; i++) {
            ratios += Math.log(r + i) + Math.log(b + i) - Math.log(a + b + i);
        }
        return logLikelihood(x, h.recency(), h.age(), ratios, x == 0 ? 0 : Math.log(a) - Math.log(b + x - 1));
    }

    /** The same, given the terms that depend on x only: the gamma-function ratios and log a/(b + x − 1). */
    double logLikelihood(int x, double recency, double age, double ratios, double logDropOut) {
        double stillAlive = -r * Math.log1p(age / alpha) - x * Math.log(alpha + age); // log α^r (α+T)^-(r+x)
        if (x == 0) {
            return ratios + stillAlive;
        }
        double logOdds = logDropOut + (r + x) * Math.log1p((age - recency) / (alpha + recency));
        return ratios + stillAlive + softplus(logOdds);
    }

    /** The probability that the customer is still alive at the end of their history. */
    public double probabilityAlive(History h) {
        return 1 / (1 + deadToAliveOdds(h));
    }

    /**
     * The odds of having dropped out against being alive, given the history: a / (b + x − 1) · ((α + T) / (α + tₓ))^(r
     * + x); none without repeat purchases.
     */
    private double deadToAliveOdds(History h) {
        return h.frequency() == 0 ? 0 : Math.exp(logDeadToAliveOdds(h));
    }

    private double logDeadToAliveOdds(History h) {
        int x = h.frequency();
        if (x == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.log(a)
                - Math.log(b + x - 1)
                + (r + x) * Math.log1p((h.age() - h.recency()) / (alpha + h.recency()));
    }

    /** Purchases expected in the next {@code t} time units, given the customer's history. */
    public double expectedPurchases(History h, double t) {
        int x = h.frequency();
        double z = t / (alpha + h.age() + t);
        double hypergeometric = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
        double first = (a + b + x - 1) / (a - 1);
        double second = 1 - Math.exp(-(r + x) * Math.log1p(t / (alpha + h.age()))) * hypergeometric;
        return first * second / (1 + deadToAliveOdds(h));
    }

    /** log(1 + eᶻ) without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }
}
