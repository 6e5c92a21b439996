package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

class BgNbdTests {

    /** The parameters Fader, Hardie & Lee fitted on the CDNOW data (weeks). */
    private static final BgNbd CDNOW = new BgNbd(0.243, 4.414, 0.793, 2.426);

    @Test
    void parametersAreRecoveredFromCustomersSimulatedWithThem() {
        List<BgNbd.History> histories = simulate(CDNOW, 20_000, RandomDataGenerator.of(new Well19937c(7)));

        Fit<BgNbd> fit = BgNbd.fit(histories);

        assertThat(fit.converged()).isTrue();
        double[] truth = {CDNOW.r(), CDNOW.alpha(), CDNOW.a(), CDNOW.b()};
        double[] found = {
            fit.model().r(), fit.model().alpha(), fit.model().a(), fit.model().b()
        };
        for (int i = 0; i < truth.length; i++) {
            double error = fit.standardErrors().get(i);
            assertThat(error).as("standard error %d", i).isPositive().isLessThan(0.3 * truth[i]);
            assertThat(found[i]).as("parameter %d within 3 standard errors", i).isCloseTo(truth[i], within(3 * error));
        }
    }

    @Test
    void aCustomerWithoutRepeatPurchasesIsAliveAndALapsedOneFades() {
        var model = CDNOW;

        assertThat(model.probabilityAlive(new BgNbd.History(0, 0, 30))).isEqualTo(1.0);
        // By hand: 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x))^(r + x)).
        assertThat(model.probabilityAlive(new BgNbd.History(5, 29, 30))).isCloseTo(0.87410, within(1e-5));
        assertThat(model.probabilityAlive(new BgNbd.History(5, 5, 30))).isCloseTo(0.00898, within(1e-5));
        assertThat(model.expectedPurchases(new BgNbd.History(5, 29, 30), 10))
                .isGreaterThan(model.expectedPurchases(new BgNbd.History(5, 5, 30), 10));
    }

    @Test
    void expectedPurchasesMatchThePublishedExampleAndTheClosedFormSummedDirectly() {
        var customer = new BgNbd.History(2, 30.43, 38.86);

        // Fader, Hardie & Lee (2005), section 5: 1.226 purchases expected in the next 39 weeks.
        assertThat(CDNOW.expectedPurchases(customer, 39)).isCloseTo(1.226, within(0.0005));
        for (double t : new double[] {1, 13, 39, 104}) {
            assertThat(CDNOW.expectedPurchases(customer, t)).isCloseTo(closedForm(CDNOW, customer, t), within(1e-9));
        }
    }

    /** Equation (10) of the paper, with ₂F₁ summed term by term in plain arithmetic. */
    private static double closedForm(BgNbd m, BgNbd.History h, double t) {
        int x = h.frequency();
        double a = m.r() + x;
        double b = m.b() + x;
        double c = m.a() + m.b() + x - 1;
        double z = t / (m.alpha() + h.age() + t);
        double term = 1;
        double f21 = 1;
        for (int k = 0; k < 10_000 && term > 1e-17; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            f21 += term;
        }
        double numerator = (m.a() + m.b() + x - 1)
                / (m.a() - 1)
                * (1 - Math.pow((m.alpha() + h.age()) / (m.alpha() + h.age() + t), m.r() + x) * f21);
        double denominator =
                1 + m.a() / (m.b() + x - 1) * Math.pow((m.alpha() + h.age()) / (m.alpha() + h.recency()), m.r() + x);
        return numerator / denominator;
    }

    @Test
    void expectedPurchasesMatchWhatSimulatedCustomersGoOnToBuy() {
        var random = RandomDataGenerator.of(new Well19937c(11));
        double predicted = 0;
        long actual = 0;
        for (int i = 0; i < 20_000; i++) {
            double lambda = random.nextGamma(CDNOW.r(), 1 / CDNOW.alpha());
            double p = random.nextBeta(CDNOW.a(), CDNOW.b());
            // Observe 39 weeks, then count what the same customer buys in the next 39.
            var path = Path.of(lambda, p, 78, random);
            var history = path.observedUntil(39);
            predicted += CDNOW.expectedPurchases(history, 39);
            actual += path.purchasesBetween(39, 78);
        }
        assertThat(predicted / actual).isCloseTo(1.0, within(0.05));
    }

    static List<BgNbd.History> simulate(BgNbd model, int customers, RandomDataGenerator random) {
        var histories = new ArrayList<BgNbd.History>(customers);
        for (int i = 0; i < customers; i++) {
            double age = 26 + random.nextDouble() * 26;
            double lambda = random.nextGamma(model.r(), 1 / model.alpha());
            double p = random.nextBeta(model.a(), model.b());
            histories.add(Path.of(lambda, p, age, random).observedUntil(age));
        }
        return histories;
    }

    /** One customer's repeat purchase times up to a horizon: a Poisson process stopped by drop-out after a purchase. */
    record Path(List<Double> purchases) {

        static Path of(double lambda, double p, double horizon, RandomDataGenerator random) {
            var times = new ArrayList<Double>();
            double t = 0;
            while (true) {
                t += random.nextExponential(1 / lambda);
                if (t > horizon) {
                    break;
                }
                times.add(t);
                if (random.nextDouble() < p) {
                    break;
                }
            }
            return new Path(times);
        }

        BgNbd.History observedUntil(double age) {
            var seen = purchases.stream().filter(t -> t <= age).toList();
            return new BgNbd.History(seen.size(), seen.isEmpty() ? 0 : seen.get(seen.size() - 1), age);
        }

        long purchasesBetween(double from, double to) {
            return purchases.stream().filter(t -> t > from && t <= to).count();
        }
    }
}
