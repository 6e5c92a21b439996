package dev.retain.segments;

/** The per-customer facts conditions aggregate over: views published by the commerce and events modules. */
public enum FactSource {
    /** Paid orders: {@code id, customer_id, ordered_at, base_amount, coupon_code}. */
    ORDERS("paid_orders_view", "ordered_at"),
    /** Lines of paid orders: {@code order_id, customer_id, ordered_at, coupon_code, sku, category, line_amount}. */
    ORDER_LINES("paid_order_lines_view", "ordered_at"),
    /** Behavioural events: {@code customer_id, type, occurred_at, properties}. */
    EVENTS("events_view", "occurred_at");

    private final String view;
    private final String timeColumn;

    FactSource(String view, String timeColumn) {
        this.view = view;
        this.timeColumn = timeColumn;
    }

    public String view() {
        return view;
    }

    public String timeColumn() {
        return timeColumn;
    }
}
