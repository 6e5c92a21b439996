package dev.retain.commerce.web;

import dev.retain.commerce.Orders;
import dev.retain.customers.ProfileSection;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The orders part of the customer page: summary and the latest orders. */
@Component
class OrdersOnProfile implements ProfileSection {

    private final Orders orders;

    OrdersOnProfile(Orders orders) {
        this.orders = orders;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String fragment() {
        return "commerce/profile :: orders";
    }

    @Override
    public Map<String, Object> data(long customerId) {
        return Map.of("summary", orders.summaryOf(customerId), "orders", orders.recentOf(customerId, 20));
    }
}
