package dev.retain.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutReportTests {

    private static final BgNbd MODEL = new BgNbd(0.243, 4.414, 0.793, 2.426);

    @Test
    void customersAreGroupedByCalibrationPurchasesWithTheirActualAndExpectedHoldoutPurchases() {
        var none = history(1, 0, 0, 30);
        var two = history(2, 2, 20, 30);
        var nine = history(3, 9, 28, 30);
        var twelve = history(4, 12, 25, 30);
        Map<Long, Integer> actual = Map.of(2L, 1, 3L, 3, 4L, 0);

        HoldoutReport report = HoldoutReport.of(
                MODEL,
                List.of(none, two, nine, twelve),
                actual,
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 29),
                TimeUnitOfFit.WEEKS);

        assertThat(report.holdoutLength()).isEqualTo(4.0);
        assertThat(report.groups())
                .extracting(HoldoutReport.Group::repeatPurchases)
                .containsExactly("0", "2", "7+");
        assertThat(report.groups()).extracting(HoldoutReport.Group::customers).containsExactly(1L, 1L, 2L);
        assertThat(report.groups())
                .extracting(HoldoutReport.Group::actualAverage)
                .containsExactly(0.0, 1.0, 1.5);
        double expectedNone = MODEL.expectedPurchases(none.history(), 4);
        double expectedTop =
                (MODEL.expectedPurchases(nine.history(), 4) + MODEL.expectedPurchases(twelve.history(), 4)) / 2;
        assertThat(report.groups().get(0).predictedAverage()).isCloseTo(expectedNone, within(1e-12));
        assertThat(report.groups().get(2).predictedAverage()).isCloseTo(expectedTop, within(1e-12));
        assertThat(report.actualPurchases()).isEqualTo(4.0);
        assertThat(report.predictedPurchases())
                .isCloseTo(expectedNone + MODEL.expectedPurchases(two.history(), 4) + 2 * expectedTop, within(1e-9));
    }

    private static PurchaseHistories.CustomerHistory history(long id, int repeats, double recency, double age) {
        return new PurchaseHistories.CustomerHistory(id, new BgNbd.History(repeats, recency, age), null);
    }
}
