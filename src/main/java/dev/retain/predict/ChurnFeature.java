package dev.retain.predict;

/**
 * What the churn models see of a repeat buyer as of a day, computed from the data before that day only. Each feature
 * has a reason text ({@code churn.reason.<key>}) that states it in plain words with the values it names.
 */
public enum ChurnFeature {
    RECENCY_DAYS("recency_days"),
    PURCHASES("purchases"),
    MONETARY("monetary"),
    TENURE_DAYS("tenure_days"),
    AVERAGE_INTERVAL_DAYS("average_interval_days"),
    OVERDUE_RATIO("overdue_ratio"),
    LAST_INTERVAL_DAYS("last_interval_days"),
    ORDERS_LAST_90_DAYS("orders_last_90_days"),
    ORDERS_PREVIOUS_90_DAYS("orders_previous_90_days"),
    AVERAGE_ORDER_VALUE("average_order_value"),
    /** Bought within the lookback: recent breadth, and a bounded scan of order lines. */
    CATEGORIES("categories"),
    REFUND_SHARE("refund_share"),
    COUPON_SHARE("coupon_share"),
    EVENTS_LAST_30_DAYS("events_last_30_days"),
    EVENTS_PREVIOUS_30_DAYS("events_previous_30_days"),
    /** From a BG/NBD fit on everyone's purchases before the day. */
    P_ALIVE("p_alive"),
    /** Loyalty signals, from the ledger and tier moves the loyalty module publishes; non-members have zeros. */
    POINTS_BALANCE("points_balance"),
    POINTS_REDEEMED_90_DAYS("points_redeemed_90_days"),
    POINTS_EXPIRED_90_DAYS("points_expired_90_days"),
    /** The tenure when the member never redeemed. */
    DAYS_SINCE_REDEMPTION("days_since_redemption"),
    /** The tier's place in the list, lowest 1; 0 without a tier. */
    TIER_LEVEL("tier_level"),
    /** 1 when the member moved down a tier in the last 180 days, else 0. */
    TIER_MOVED_DOWN_180_DAYS("tier_moved_down_180_days"),
    /** Service signals, from the tickets the service desk publishes; customers without tickets have zeros. */
    TICKETS_90_DAYS("tickets_90_days"),
    /** Tickets opened before the day and not yet solved or closed on it. */
    OPEN_TICKETS("open_tickets"),
    /** Solved tickets the customer reopened by replying, in the last 180 days. */
    TICKETS_REOPENED_180_DAYS("tickets_reopened_180_days");

    private final String key;

    ChurnFeature(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The features whose values the reason text names, in its placeholders' order. */
    ChurnFeature[] shown() {
        return switch (this) {
            case OVERDUE_RATIO -> new ChurnFeature[] {AVERAGE_INTERVAL_DAYS, RECENCY_DAYS};
            case LAST_INTERVAL_DAYS -> new ChurnFeature[] {LAST_INTERVAL_DAYS, AVERAGE_INTERVAL_DAYS};
            case ORDERS_LAST_90_DAYS, ORDERS_PREVIOUS_90_DAYS ->
                new ChurnFeature[] {ORDERS_LAST_90_DAYS, ORDERS_PREVIOUS_90_DAYS};
            case EVENTS_LAST_30_DAYS, EVENTS_PREVIOUS_30_DAYS ->
                new ChurnFeature[] {EVENTS_LAST_30_DAYS, EVENTS_PREVIOUS_30_DAYS};
            case TIER_MOVED_DOWN_180_DAYS -> new ChurnFeature[] {TIER_LEVEL};
            default -> new ChurnFeature[] {this};
        };
    }

    /** The value as a reason shows it: shares in percent, ratios to one decimal, the rest whole. */
    double shownValue(float value) {
        return switch (this) {
            case REFUND_SHARE, COUPON_SHARE, P_ALIVE -> Math.round(value * 100);
            case OVERDUE_RATIO -> Math.round(value * 10) / 10.0;
            default -> Math.round(value);
        };
    }

    static String[] keys() {
        ChurnFeature[] all = values();
        String[] keys = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            keys[i] = all[i].key;
        }
        return keys;
    }
}
