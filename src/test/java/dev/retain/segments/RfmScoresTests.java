package dev.retain.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.platform.InvalidInputException;
import dev.retain.platform.MonthlyPartitions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * RFM on five customers computed by hand. Recency in days, frequency, monetary:
 * A 5/3/300, B 40/2/500, C 10/1/50, D 200/1/1000, E 300/3/300; F has no order, G only a refunded one.
 */
@OwnDatabaseTest
class RfmScoresTests {

    @Autowired
    RfmScores rfm;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonthlyPartitions partitions;

    long a, b, c, d, e, f, g;

    @BeforeEach
    void fiveCustomers() {
        Emptied.everything(jdbc);
        var data = new SegmentData(jdbc, partitions);
        a = data.aCustomer("A");
        b = data.aCustomer("B");
        c = data.aCustomer("C");
        d = data.aCustomer("D");
        e = data.aCustomer("E");
        f = data.aCustomer("F");
        g = data.aCustomer("G");
        for (int daysAgo : new int[] {5, 15, 25}) {
            data.anOrder(a, daysAgo, "100", "tea");
        }
        data.anOrder(b, 40, "200", "tea");
        data.anOrder(b, 100, "300", "tea");
        data.anOrder(c, 10, "50", "tea");
        data.anOrder(d, 200, "1000", "tea");
        for (int daysAgo : new int[] {300, 350, 400}) {
            data.anOrder(e, daysAgo, "100", "tea");
        }
        data.anOrder(g, 3, "700", "tea", null, "REFUNDED");
        data.anOrder(a, 2, "5000", "tea", null, "CANCELLED");
    }

    @AfterEach
    void defaultSettings() {
        rfm.update(new RfmSettings(
                RfmSettings.QUINTILES, null, cuts(30, 90, 180, 365), cuts(1, 2, 3, 5), cuts(200, 500, 1000, 3000)));
    }

    @Test
    void quintilesGiveTiesTheSameScore() {
        RfmRun run = rfm.score();

        assertThat(run.customers()).isEqualTo(5);
        assertThat(run.averageRecencyDays()).isEqualByComparingTo("111");
        assertThat(run.averageFrequency()).isEqualByComparingTo("2");
        assertThat(run.averageMonetary()).isEqualByComparingTo("430");
        assertScore(a, 5, 3, "300", 5, 4, 2, RfmSegment.POTENTIAL_LOYALISTS, ValueCell.GENERAL_VALUE);
        // B's frequency equals the average: high.
        assertScore(b, 40, 2, "500", 3, 3, 4, RfmSegment.LOYAL, ValueCell.IMPORTANT_VALUE);
        assertScore(c, 10, 1, "50", 4, 1, 1, RfmSegment.PROMISING, ValueCell.GENERAL_DEVELOP);
        assertScore(d, 200, 1, "1000", 2, 1, 5, RfmSegment.AT_RISK, ValueCell.IMPORTANT_RETAIN);
        assertScore(e, 300, 3, "300", 1, 4, 2, RfmSegment.AT_RISK, ValueCell.GENERAL_KEEP);
        assertThat(rfm.of(f)).isEmpty();
        assertThat(rfm.of(g)).isEmpty();
    }

    @Test
    void conditionsReadTheLastRun(@Autowired Conditions conditions, @Autowired ObjectMapper json) {
        rfm.score();

        var atRisk = conditions.parse(json.readTree("""
                {"field": "rfm.segment", "op": "eq", "value": "AT_RISK"}"""));
        var important = conditions.parse(json.readTree("""
                {"and": [{"field": "rfm.value_cell", "op": "in", "value": ["IMPORTANT_VALUE", "IMPORTANT_RETAIN"]},
                         {"field": "rfm.m", "op": "gte", "value": 4}]}"""));

        assertThat(conditions.matchingAmong(atRisk, List.of(a, b, c, d, e, f))).containsExactlyInAnyOrder(d, e);
        assertThat(conditions.matchingAmong(important, List.of(a, b, c, d, e, f)))
                .containsExactlyInAnyOrder(b, d);
    }

    @Test
    void thresholdsAnAdminSets() {
        rfm.update(new RfmSettings(
                RfmSettings.THRESHOLDS, null, cuts(30, 90, 180, 365), cuts(1, 2, 3, 5), cuts(200, 500, 1000, 3000)));

        rfm.score();

        assertScore(a, 5, 3, "300", 5, 3, 2, RfmSegment.POTENTIAL_LOYALISTS, ValueCell.GENERAL_VALUE);
        assertScore(b, 40, 2, "500", 4, 2, 2, RfmSegment.POTENTIAL_LOYALISTS, ValueCell.IMPORTANT_VALUE);
        assertScore(c, 10, 1, "50", 5, 1, 1, RfmSegment.NEW, ValueCell.GENERAL_DEVELOP);
        assertScore(d, 200, 1, "1000", 2, 1, 3, RfmSegment.HIBERNATING, ValueCell.IMPORTANT_RETAIN);
        assertScore(e, 300, 3, "300", 2, 3, 2, RfmSegment.AT_RISK, ValueCell.GENERAL_KEEP);
    }

    @Test
    void aWindowLeavesOlderOrdersOut() {
        rfm.update(new RfmSettings(
                RfmSettings.QUINTILES, 365, cuts(30, 90, 180, 365), cuts(1, 2, 3, 5), cuts(200, 500, 1000, 3000)));

        rfm.score();

        assertThat(rfm.of(e)).hasValueSatisfying(score -> {
            // 300 and 350 days ago are inside the year, 400 is not.
            assertThat(score.frequency()).isEqualTo(2);
            assertThat(score.monetary()).isEqualByComparingTo("200");
        });
    }

    @Test
    void badSettingsAreRefusedFieldByField() {
        assertThatThrownBy(() -> rfm.update(
                        new RfmSettings("MEDIANS", 0, cuts(30, 20, 180, 365), cuts(1, 2, 3), cuts(1, 2, 3, 4))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        ex -> assertThat(ex.fieldErrors())
                                .containsOnlyKeys("method", "window_days", "recency_cuts", "frequency_cuts"));
    }

    @Test
    void historyKeepsEachChangeSoMovesBetweenDatesShow() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalDate today = LocalDate.now(zone);
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        rfm.score(tenDaysAgo);
        Map<Long, String> before = segmentsNow();
        new SegmentData(jdbc, partitions).anOrder(e, 1, "2000", "tea");

        rfm.score();
        Map<Long, String> after = segmentsNow();

        assertThat(after.get(e)).isNotEqualTo(before.get(e));
        Map<String, Map<String, Long>> migration = rfm.migration(today.minusDays(10), today);
        long moved = migration.getOrDefault(before.get(e), Map.of()).getOrDefault(after.get(e), 0L);
        assertThat(moved).isGreaterThanOrEqualTo(1);
        long total = migration.values().stream()
                .flatMap(row -> row.values().stream())
                .mapToLong(Long::longValue)
                .sum();
        assertThat(total).isEqualTo(5);
        // A run that changes nothing adds no history.
        long rows = historyRows();
        rfm.score();
        assertThat(historyRows()).isEqualTo(rows);
    }

    private Map<Long, String> segmentsNow() {
        var segments = new HashMap<Long, String>();
        for (long customer : List.of(a, b, c, d, e)) {
            rfm.of(customer)
                    .ifPresent(score -> segments.put(customer, score.segment().name()));
        }
        return segments;
    }

    private long historyRows() {
        return jdbc.sql("select count(*) from rfm_history").query(Long.class).single();
    }

    private void assertScore(
            long customer,
            int recency,
            int frequency,
            String monetary,
            int r,
            int f,
            int m,
            RfmSegment segment,
            ValueCell cell) {
        assertThat(rfm.of(customer)).hasValueSatisfying(score -> {
            assertThat(score.recencyDays()).as("recency").isEqualTo(recency);
            assertThat(score.frequency()).as("frequency").isEqualTo(frequency);
            assertThat(score.monetary()).as("monetary").isEqualByComparingTo(monetary);
            assertThat(List.of(score.r(), score.f(), score.m())).as("r, f, m").containsExactly(r, f, m);
            assertThat(score.segment()).isEqualTo(segment);
            assertThat(score.valueCell()).isEqualTo(cell);
        });
    }

    private static List<BigDecimal> cuts(int... values) {
        return Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }
}
