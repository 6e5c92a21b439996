package dev.retain.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The counts behind every period KPI, and the one definition of each KPI made from them. "Active" means at least one
 * paid order in the period; refunded and cancelled orders never count.
 *
 * @param activeCustomers customers with a paid order in the period
 * @param newCustomers active customers whose first paid order ever falls in the period
 * @param previousActive customers with a paid order in the period before
 * @param retained customers active in both the period and the period before
 * @param repeatCustomers customers with two or more paid orders in the period
 * @param orders paid orders in the period
 * @param revenue their amount in the base currency
 * @param newCustomerRevenue the part of it from new customers
 * @param buyersToDate customers with a paid order before the end of the period
 * @param revenueToDate what all of them spent before the end of the period
 */
public record PeriodFigures(
        long activeCustomers,
        long newCustomers,
        long previousActive,
        long retained,
        long repeatCustomers,
        long orders,
        BigDecimal revenue,
        BigDecimal newCustomerRevenue,
        long buyersToDate,
        BigDecimal revenueToDate) {

    /** Of the customers active in the period before, the share who ordered again in this one. */
    public Double retentionRate() {
        return ratio(retained, previousActive);
    }

    /** Of the customers active in the period before, the share who did not order in this one: 1 − retention. */
    public Double churnRate() {
        Double retention = retentionRate();
        return retention == null ? null : 1 - retention;
    }

    /** Of the active customers, the share with two or more paid orders in the period. */
    public Double repurchaseRate() {
        return ratio(repeatCustomers, activeCustomers);
    }

    /** Paid orders per active customer. */
    public Double purchaseFrequency() {
        return ratio(orders, activeCustomers);
    }

    /** Revenue per paid order. */
    public BigDecimal averageOrderValue() {
        return divide(revenue, orders);
    }

    public BigDecimal returningCustomerRevenue() {
        return revenue.subtract(newCustomerRevenue);
    }

    /** Average lifetime spend per customer who has ordered, up to the end of the period. */
    public BigDecimal historicalClv() {
        return divide(revenueToDate, buyersToDate);
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static BigDecimal divide(BigDecimal amount, long count) {
        return count == 0 ? null : amount.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
