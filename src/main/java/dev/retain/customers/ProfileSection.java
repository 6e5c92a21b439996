package dev.retain.customers;

import java.util.Map;

/**
 * A part of the customer page that another module fills in (orders, events, later scores and journeys). The
 * customers module knows none of them: each module declares a bean.
 */
public interface ProfileSection {

    /** Position on the page, lower first. */
    int order();

    /** The Thymeleaf fragment to render, e.g. {@code "commerce/profile :: orders"}; it sees {@code data}. */
    String fragment();

    /** The data the fragment shows for this customer. */
    Map<String, Object> data(long customerId);
}
