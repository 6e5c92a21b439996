package dev.retain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.retain.IntegrationTest;
import dev.retain.customers.LifecycleStage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every KPI, the cohort matrix and the lifecycle funnel against figures worked out by hand for a small shop (one region
 * of the shared database), and the whole base's precomputed cohort matrix against an independent computation.
 *
 * <pre>
 * period P = 2025-03-01..31, previous Q = 2025-01-29..02-28, the one before R = 2024-12-29..2025-01-28
 * A  2024-06-10 100 · 2025-02-10 200 · 2025-03-05 300 (two lines: 200 tea, 100 other) · 2025-03-20 100   low risk, CLV 100
 * B  2025-02-15 50
 * C  2025-03-10 80 · 2025-03-12 500 refunded · 10 days ago 300                                           low risk, CLV 300
 * D  no orders (prospect)
 * E  2025-01-05 40 · 2025-03-25 60
 * F  2025-03-15 70 cancelled (stage: interested)
 * G  60 days ago 200                                                                                      high risk
 * </pre>
 */
@IntegrationTest
class AnalyticsFiguresTests {

    private static final Period MARCH = new Period(LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-31"));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Kpis kpis;

    @Autowired
    Cohorts cohorts;

    @Autowired
    LifecycleFunnel lifecycle;

    @Autowired
    AnalyticsRefresh refresh;

    ShopHistory shop;
    LocalDate today = LocalDate.now(ShopHistory.ZONE);
    long a, b, c, d, e, f, g;

    @BeforeEach
    void aSmallShop() {
        shop = new ShopHistory(jdbc);
        a = shop.aCustomer("A", "REPEAT");
        b = shop.aCustomer("B", "FIRST_ORDER");
        c = shop.aCustomer("C", "REPEAT");
        d = shop.aCustomer("D", "PROSPECT");
        e = shop.aCustomer("E", "REPEAT");
        f = shop.aCustomer("F", "INTERESTED");
        g = shop.aCustomer("G", "FIRST_ORDER");
        shop.paid(a, "2024-06-10", "100");
        shop.paid(a, "2025-02-10", "200");
        shop.order(a, LocalDate.parse("2025-03-05"), "PAID", "300", shop.category, "其他");
        shop.paid(a, "2025-03-20", "100");
        shop.paid(b, "2025-02-15", "50");
        shop.paid(c, "2025-03-10", "80");
        shop.order(c, LocalDate.parse("2025-03-12"), "REFUNDED", "500", "其他");
        shop.order(c, today.minusDays(10), "PAID", "300", "其他");
        shop.paid(e, "2025-01-05", "40");
        shop.paid(e, "2025-03-25", "60");
        shop.order(f, LocalDate.parse("2025-03-15"), "CANCELLED", "70", "其他");
        shop.order(g, today.minusDays(60), "PAID", "200", "其他");
        shop.churnBand(a, "LOW");
        shop.churnBand(c, "LOW");
        shop.churnBand(g, "HIGH");
        shop.predictedClv(a, "100");
        shop.predictedClv(c, "300");
        refresh.rebuild();
    }

    @Test
    void periodKpisMatchTheFiguresWorkedOutByHand() {
        KpiReport report = kpis.report(MARCH, shop.scope());

        assertThat(report.previousPeriod())
                .isEqualTo(new Period(LocalDate.parse("2025-01-29"), LocalDate.parse("2025-02-28")));
        assertRow(report, Kpi.ACTIVE_CUSTOMERS, 3, 2); // A, C, E | A, B
        assertRow(report, Kpi.NEW_CUSTOMERS, 1, 1); // C | B
        assertRow(report, Kpi.RETENTION_RATE, 0.5, 0.0); // A of A, B | none of E
        assertRow(report, Kpi.CHURN_RATE, 0.5, 1.0);
        assertRow(report, Kpi.REPURCHASE_RATE, 1 / 3.0, 0.0); // A ordered twice
        assertRow(report, Kpi.PURCHASE_FREQUENCY, 4 / 3.0, 1.0);
        assertRow(report, Kpi.REVENUE, 540, 250); // the refund and the cancellation are not revenue
        assertRow(report, Kpi.AVERAGE_ORDER_VALUE, 135, 125);
        assertRow(report, Kpi.NEW_CUSTOMER_REVENUE, 80, 50);
        assertRow(report, Kpi.RETURNING_CUSTOMER_REVENUE, 460, 200);
        assertRow(report, Kpi.HISTORICAL_CLV, 232.50, 130.00); // 930 / 4 buyers | 390 / 3 buyers

        assertThat(report.row(Kpi.ACTIVE_CUSTOMERS).change()).isCloseTo(0.5, within(1e-9));
        assertThat(report.row(Kpi.RETENTION_RATE).change()).isCloseTo(50.0, within(1e-9)); // percentage points
        assertThat(report.row(Kpi.PREDICTED_CLV).current()).isEqualTo(new BigDecimal("200.00"));
        assertThat(report.row(Kpi.PREDICTED_CLV).previous()).isNull();
        assertThat(report.row(Kpi.HIGH_CHURN_RISK).current()).isEqualTo(1L);
        // last 365 days: G 200 (high risk) of G 200 + C 300
        assertThat(report.row(Kpi.REVENUE_AT_RISK).current().doubleValue()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void aCategoryCountsOnlyItsLinesAndAnEmptyScopeHasNoRates() {
        KpiReport tea = kpis.report(MARCH, new CustomerScope(null, shop.region, null, shop.category));
        assertRow(tea, Kpi.ACTIVE_CUSTOMERS, 1, 0);
        assertRow(tea, Kpi.REVENUE, 150, 0);
        assertRow(tea, Kpi.HISTORICAL_CLV, 150, null);

        KpiReport nobody = kpis.report(MARCH, new CustomerScope(null, shop.region + "-none", null, null));
        assertRow(nobody, Kpi.ACTIVE_CUSTOMERS, 0, 0);
        assertThat(nobody.row(Kpi.RETENTION_RATE).current()).isNull();
        assertThat(nobody.row(Kpi.AVERAGE_ORDER_VALUE).current()).isNull();
        assertThat(nobody.row(Kpi.ACTIVE_CUSTOMERS).change()).isNull();
    }

    @Test
    void theCohortMatrixFollowsEachCohortFromItsFirstMonth() {
        Period period = new Period(LocalDate.parse("2024-06-01"), LocalDate.parse("2025-03-31"));
        CohortMatrix matrix = cohorts.matrix(period, shop.scope());

        assertThat(matrix.builtAt()).isNull(); // a narrowed scope is computed on request
        assertThat(matrix.cohorts())
                .extracting(CohortMatrix.Cohort::month)
                .containsExactly(month("2024-06"), month("2025-01"), month("2025-02"), month("2025-03"));
        CohortMatrix.Cohort june = matrix.cohorts().get(0);
        assertThat(june.customers()).isEqualTo(1);
        assertCell(june, 0, 1, "100");
        assertCell(june, 1, 0, "0");
        assertCell(june, 8, 1, "200");
        assertCell(june, 9, 1, "400");
        CohortMatrix.Cohort january = matrix.cohorts().get(1);
        assertCell(january, 0, 1, "40");
        assertCell(january, 2, 1, "60");
        CohortMatrix.Cohort march = matrix.cohorts().get(3);
        assertCell(march, 0, 1, "80");
        int sinceMarch = monthsBetween(YearMonth.of(2025, 3), YearMonth.from(today.minusDays(10)));
        assertCell(march, sinceMarch, 1, "300");
        assertThat(march.cells()).hasSize(monthsBetween(YearMonth.of(2025, 3), YearMonth.from(today)) + 1);
        assertThat(june.cell(9).share()).isEqualTo(1.0);
    }

    @Test
    void thePrecomputedMatrixOfTheWholeBaseAgreesWithAnIndependentCount() {
        refresh.rebuild();
        Period lastThreeYears = new Period(today.minusYears(3).plusDays(1), today);
        CohortMatrix matrix = cohorts.matrix(lastThreeYears, CustomerScope.EVERYONE);
        assertThat(matrix.builtAt()).isNotNull();

        Map<Long, YearMonth> firstMonth = new HashMap<>();
        Map<String, Set<Long>> active = new HashMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        // A purchase counts net of its returns; one returned in full is no purchase.
        List<Object[]> orders = jdbc.sql(
                        "select customer_id, ordered_at, base_amount - returned_base_amount from orders"
                                + " where status = 'PAID' and (returned_base_amount = 0 or base_amount > returned_base_amount)"
                                + " order by ordered_at")
                .query((rs, n) ->
                        new Object[] {rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3)})
                .list();
        for (Object[] order : orders) {
            long customer = (Long) order[0];
            YearMonth month = YearMonth.from(((java.time.Instant) order[1]).atZone(ShopHistory.ZONE));
            YearMonth cohort = firstMonth.computeIfAbsent(customer, id -> month);
            String cell = cohort + "/" + monthsBetween(cohort, month);
            active.computeIfAbsent(cell, k -> new HashSet<>()).add(customer);
            revenue.merge(cell, (BigDecimal) order[2], BigDecimal::add);
        }
        int cellsCompared = 0;
        for (CohortMatrix.Cohort cohort : matrix.cohorts()) {
            YearMonth month = YearMonth.from(cohort.month());
            assertThat(cohort.customers())
                    .as("size of %s", month)
                    .isEqualTo(
                            firstMonth.values().stream().filter(month::equals).count());
            for (CohortMatrix.Cell cell : cohort.cells()) {
                String key = month + "/" + cell.monthsSince();
                assertThat(cell.customers())
                        .as(key)
                        .isEqualTo(active.getOrDefault(key, Set.of()).size());
                assertThat(cell.revenue()).as(key).isEqualByComparingTo(revenue.getOrDefault(key, BigDecimal.ZERO));
                cellsCompared++;
            }
        }
        assertThat(matrix.cohorts()).extracting(CohortMatrix.Cohort::month).contains(month("2025-03"));
        assertThat(cellsCompared).isGreaterThan(10);
    }

    @Test
    void theLifecycleFunnelCountsStagesFromOrders() {
        List<LifecycleFunnel.Step> steps = lifecycle.steps(shop.scope());
        assertThat(steps).extracting(LifecycleFunnel.Step::customers).containsExactly(7L, 6L, 5L, 3L, 0L, 1L, 3L);
        assertThat(steps.get(1).conversion()).isCloseTo(6 / 7.0, within(1e-9));
        assertThat(steps.get(3).conversion()).isCloseTo(3 / 5.0, within(1e-9));
        assertThat(steps.get(0).conversion()).isNull();
        assertThat(steps.get(5).stage()).isEqualTo(LifecycleStage.AT_RISK);
        assertThat(steps.get(5).conversion()).isNull();
    }

    private static void assertRow(KpiReport report, Kpi kpi, Number current, Number previous) {
        KpiReport.Row row = report.row(kpi);
        assertThat(row.current()).as("%s now", kpi).isNotNull();
        assertThat(row.current().doubleValue()).as("%s now", kpi).isCloseTo(current.doubleValue(), within(1e-9));
        if (previous == null) {
            assertThat(row.previous()).as("%s before", kpi).isNull();
        } else {
            assertThat(row.previous()).as("%s before", kpi).isNotNull();
            assertThat(row.previous().doubleValue())
                    .as("%s before", kpi)
                    .isCloseTo(previous.doubleValue(), within(1e-9));
        }
    }

    private static void assertCell(CohortMatrix.Cohort cohort, int monthsSince, long customers, String revenue) {
        CohortMatrix.Cell cell = cohort.cell(monthsSince);
        assertThat(cell.customers()).as("%s M%d", cohort.month(), monthsSince).isEqualTo(customers);
        assertThat(cell.revenue()).as("%s M%d", cohort.month(), monthsSince).isEqualByComparingTo(revenue);
    }

    private static LocalDate month(String yearMonth) {
        return YearMonth.parse(yearMonth).atDay(1);
    }

    private static int monthsBetween(YearMonth from, YearMonth to) {
        return (int) from.until(to, java.time.temporal.ChronoUnit.MONTHS);
    }
}
