package dev.retain.analytics;

import java.math.BigDecimal;
import java.util.List;

/** The KPIs of a period next to the period before, for one scope. */
public record KpiReport(Period period, Period previousPeriod, CustomerScope scope, List<Row> rows) {

    /**
     * One KPI. {@code change} is relative ((current − previous) / previous) for counts and amounts, and the difference
     * in percentage points for rates; null when there is nothing to compare.
     */
    public record Row(Kpi kpi, Kpi.Unit unit, Number current, Number previous, Double change) {

        static Row of(Kpi kpi, Number current, Number previous) {
            return new Row(kpi, kpi.unit(), current, previous, change(kpi.unit(), current, previous));
        }

        private static Double change(Kpi.Unit unit, Number current, Number previous) {
            if (current == null || previous == null) {
                return null;
            }
            double now = current.doubleValue();
            double before = previous.doubleValue();
            if (unit == Kpi.Unit.RATE) {
                return (now - before) * 100;
            }
            return before == 0 ? null : (now - before) / Math.abs(before);
        }
    }

    public Row row(Kpi kpi) {
        return rows.stream().filter(r -> r.kpi() == kpi).findFirst().orElseThrow();
    }

    static BigDecimal orZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
