package dev.retain.platform;

/**
 * The sidebar's groups, named after what people do rather than after the modules behind them. A group shows only when
 * the signed-in user may open at least one of its entries, so SALES and SERVICE stay hidden until a module adds to
 * them.
 */
public enum NavigationGroup {
    WORKBENCH("nav.group.workbench", 0),
    CUSTOMERS("nav.group.customers", 10),
    SALES("nav.group.sales", 20),
    SERVICE("nav.group.service", 30),
    ENGAGEMENT("nav.group.engagement", 40),
    INSIGHTS("nav.group.insights", 50),
    SETTINGS("nav.group.settings", 90);

    private final String messageKey;
    private final int order;

    NavigationGroup(String messageKey, int order) {
        this.messageKey = messageKey;
        this.order = order;
    }

    public String messageKey() {
        return messageKey;
    }

    public int order() {
        return order;
    }
}
