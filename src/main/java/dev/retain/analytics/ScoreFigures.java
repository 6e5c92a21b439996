package dev.retain.analytics;

import java.math.BigDecimal;

/**
 * Figures from the current prediction scores, which exist only as of now.
 *
 * @param predictedClv average predicted lifetime value of the scored customers
 * @param highRiskCustomers customers in the high churn-risk band
 * @param revenueAtRiskShare the share of the last 365 days' revenue that came from customers now at high risk
 */
public record ScoreFigures(BigDecimal predictedClv, long highRiskCustomers, Double revenueAtRiskShare) {}
