package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

class GammaGammaTests {

    /** The parameters Fader, Hardie & Lee fitted on the CDNOW data. */
    private static final GammaGamma CDNOW = new GammaGamma(6.25, 3.74, 15.44);

    @Test
    void parametersAreRecoveredFromSpendSimulatedWithThem() {
        var random = RandomDataGenerator.of(new Well19937c(3));
        var spends = new ArrayList<GammaGamma.Spend>();
        for (int i = 0; i < 10_000; i++) {
            double nu = random.nextGamma(CDNOW.q(), 1 / CDNOW.gamma());
            int orders = 1 + (int) random.nextPoisson(3);
            double total = 0;
            for (int k = 0; k < orders; k++) {
                total += random.nextGamma(CDNOW.p(), 1 / nu);
            }
            spends.add(new GammaGamma.Spend(orders, total / orders));
        }

        Fit<GammaGamma> fit = GammaGamma.fit(spends);

        assertThat(fit.converged()).isTrue();
        double[] truth = {CDNOW.p(), CDNOW.q(), CDNOW.gamma()};
        double[] found = {fit.model().p(), fit.model().q(), fit.model().gamma()};
        for (int i = 0; i < truth.length; i++) {
            double error = fit.standardErrors().get(i);
            assertThat(error).as("standard error %d", i).isPositive().isLessThan(0.3 * truth[i]);
            assertThat(found[i]).as("parameter %d within 3 standard errors", i).isCloseTo(truth[i], within(3 * error));
        }
    }

    @Test
    void aCustomersExpectedValueLiesBetweenTheirOwnAverageAndThePopulations() {
        double population = CDNOW.populationAverageValue();
        double expected = CDNOW.expectedAverageValue(new GammaGamma.Spend(4, 100));

        assertThat(expected).isBetween(Math.min(100, population), Math.max(100, population));
        assertThat(CDNOW.expectedAverageValue(new GammaGamma.Spend(40, 100)))
                .as("more orders, closer to their own average")
                .isCloseTo(100, within(Math.abs(expected - 100)));
    }
}
