package dev.retain.demo;

import java.util.List;

/** One customer with everything it did: orders and events, each in time order. */
public record DemoCustomerHistory(DemoCustomer customer, List<DemoOrder> orders, List<DemoEvent> events) {}
