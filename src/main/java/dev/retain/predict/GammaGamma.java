package dev.retain.predict;

import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"): a customer's order values are Gamma(p, ν)
 * around their own mean, with ν ~ Gamma(q, γ) across customers; fitted on repeat customers' average order value.
 */
public record GammaGamma(double p, double q, double gamma) {

    /** A repeat customer's number of orders and their average value. */
    public record Spend(int orders, double averageValue) {}

    /** The maximum-likelihood fit on repeat customers' spend. */
    public static Fit<GammaGamma> fit(List<Spend> spends) {
        int n = spends.size();
        int[] orders = new int[n];
        double[] averages = new double[n];
        double[] logAverages = new double[n];
        int maxOrders = 0;
        for (int i = 0; i < n; i++) {
            orders[i] = spends.get(i).orders();
            averages[i] = spends.get(i).averageValue();
            logAverages[i] = Math.log(averages[i]);
            maxOrders = Math.max(maxOrders, orders[i]);
        }
        double[] perOrders = new double[maxOrders + 1];
        var estimate = MaximumLikelihood.fit(
                parameters -> {
                    var model = new GammaGamma(parameters[0], parameters[1], parameters[2]);
                    for (int x = 1; x < perOrders.length; x++) {
                        perOrders[x] = model.ordersTerm(x);
                    }
                    return MaximumLikelihood.sum(
                            n, i -> perOrders[orders[i]] + model.spendTerm(orders[i], averages[i], logAverages[i]));
                },
                new double[] {1, 1, 1});
        double[] v = estimate.values();
        return estimate.fitOf(new GammaGamma(v[0], v[1], v[2]));
    }

    public double logLikelihood(Spend s) {
        double m = s.averageValue();
        return ordersTerm(s.orders()) + spendTerm(s.orders(), m, Math.log(m));
    }

    /** The part of a customer's log-likelihood that depends on their number of orders only. */
    private double ordersTerm(int x) {
        return Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x) - Gamma.logGamma(q) + p * x * Math.log(x);
    }

    private double spendTerm(int x, double m, double logM) {
        return (p * x - 1) * logM
                - q * Math.log1p(m * x / gamma) // q log γ − (px + q) log(γ + mx), exact for large q and γ
                - p * x * Math.log(gamma + m * x);
    }

    /** The customer's expected order value given what they spent: their own average shrunk towards the population's. */
    public double expectedAverageValue(Spend s) {
        return p * (gamma + s.orders() * s.averageValue()) / (p * s.orders() + q - 1);
    }

    /** The population's mean order value. */
    public double populationAverageValue() {
        return p * gamma / (q - 1);
    }
}
