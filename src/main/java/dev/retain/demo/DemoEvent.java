package dev.retain.demo;

import java.time.Instant;
import java.util.Map;

/**
 * A behavioural event.
 *
 * @param type {@code page_view}, {@code login}, {@code email_open}, {@code app_open}, {@code support_contact} or
 *     {@code cart_add}
 * @param properties small string map in a fixed order, e.g. {@code {"page": "/product/MB-1001"}}
 */
public record DemoEvent(long customerId, String type, Instant occurredAt, Map<String, String> properties) {}
