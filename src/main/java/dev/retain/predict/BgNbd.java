package dev.retain.predict;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hipparchus.special.Gamma;

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
        Map<History, Long> counts =
                histories.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        var estimate = MaximumLikelihood.fit(
                parameters -> {
                    var model = new BgNbd(parameters[0], parameters[1], parameters[2], parameters[3]);
                    double sum = 0;
                    for (Map.Entry<History, Long> group : counts.entrySet()) {
                        sum += group.getValue() * model.logLikelihood(group.getKey());
                    }
                    return sum;
                },
                new double[] {1, 1, 1, 1});
        double[] v = estimate.values();
        return estimate.fitOf(new BgNbd(v[0], v[1], v[2], v[3]));
    }

    /** The log-likelihood of one customer's history. */
    public double logLikelihood(History h) {
        int x = h.frequency();
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + h.age());
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + h.recency());
        return a1 + a2 + logSumExp(a3, a4);
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
        int x = h.frequency();
        if (x == 0) {
            return 0;
        }
        return Math.exp(Math.log(a)
                - Math.log(b + x - 1)
                + (r + x) * (Math.log(alpha + h.age()) - Math.log(alpha + h.recency())));
    }

    /** Purchases expected in the next {@code t} time units, given the customer's history. */
    public double expectedPurchases(History h, double t) {
        int x = h.frequency();
        double z = t / (alpha + h.age() + t);
        double hypergeometric = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
        double first = (a + b + x - 1) / (a - 1);
        double second = 1 - Math.exp((r + x) * Math.log((alpha + h.age()) / (alpha + h.age() + t))) * hypergeometric;
        return first * second / (1 + deadToAliveOdds(h));
    }

    static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log(Math.exp(u - max) + Math.exp(v - max));
    }
}
