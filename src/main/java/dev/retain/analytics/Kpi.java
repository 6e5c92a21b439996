package dev.retain.analytics;

import java.util.function.Function;

/**
 * The dashboard's KPIs in the order shown. Period KPIs read {@link PeriodFigures}; the score KPIs read
 * {@link ScoreFigures} and have no previous value. Names and definitions are the message keys
 * {@code kpi.<name>} and {@code kpi.<name>.definition}.
 */
public enum Kpi {
    ACTIVE_CUSTOMERS(Unit.COUNT, f -> f.activeCustomers()),
    NEW_CUSTOMERS(Unit.COUNT, f -> f.newCustomers()),
    RETENTION_RATE(Unit.RATE, PeriodFigures::retentionRate),
    CHURN_RATE(Unit.RATE, PeriodFigures::churnRate),
    REPURCHASE_RATE(Unit.RATE, PeriodFigures::repurchaseRate),
    PURCHASE_FREQUENCY(Unit.NUMBER, PeriodFigures::purchaseFrequency),
    AVERAGE_ORDER_VALUE(Unit.MONEY, PeriodFigures::averageOrderValue),
    REVENUE(Unit.MONEY, PeriodFigures::revenue),
    NEW_CUSTOMER_REVENUE(Unit.MONEY, PeriodFigures::newCustomerRevenue),
    RETURNING_CUSTOMER_REVENUE(Unit.MONEY, PeriodFigures::returningCustomerRevenue),
    HISTORICAL_CLV(Unit.MONEY, PeriodFigures::historicalClv),
    PREDICTED_CLV(Unit.MONEY, null, ScoreFigures::predictedClv),
    HIGH_CHURN_RISK(Unit.COUNT, null, s -> s.highRiskCustomers()),
    REVENUE_AT_RISK(Unit.RATE, null, ScoreFigures::revenueAtRiskShare);

    public enum Unit {
        COUNT,
        RATE,
        NUMBER,
        MONEY
    }

    private final Unit unit;
    private final Function<PeriodFigures, Object> ofPeriod;
    private final Function<ScoreFigures, Object> ofScores;

    Kpi(Unit unit, Function<PeriodFigures, Object> ofPeriod) {
        this(unit, ofPeriod, null);
    }

    Kpi(Unit unit, Function<PeriodFigures, Object> ofPeriod, Function<ScoreFigures, Object> ofScores) {
        this.unit = unit;
        this.ofPeriod = ofPeriod;
        this.ofScores = ofScores;
    }

    public Unit unit() {
        return unit;
    }

    public String messageKey() {
        return "kpi." + name();
    }

    /** Whether the KPI has a value for a past period, and so a change. */
    public boolean comparable() {
        return ofPeriod != null;
    }

    Number value(PeriodFigures period, ScoreFigures scores) {
        Object value = ofPeriod != null ? ofPeriod.apply(period) : ofScores.apply(scores);
        return (Number) value;
    }
}
