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
        var estimate = MaximumLikelihood.fit(
                parameters -> {
                    var model = new GammaGamma(parameters[0], parameters[1], parameters[2]);
                    double sum = 0;
                    for (Spend spend : spends) {
                        sum += model.logLikelihood(spend);
                    }
                    return sum;
                },
                new double[] {1, 1, 1});
        double[] v = estimate.values();
        return estimate.fitOf(new GammaGamma(v[0], v[1], v[2]));
    }

    public double logLikelihood(Spend s) {
        int x = s.orders();
        double m = s.averageValue();
        return Gamma.logGamma(p * x + q)
                - Gamma.logGamma(p * x)
                - Gamma.logGamma(q)
                + (p * x - 1) * Math.log(m)
                + p * x * Math.log(x)
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
