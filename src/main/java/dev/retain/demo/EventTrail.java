package dev.retain.demo;

import static dev.retain.demo.Distributions.any;
import static dev.retain.demo.Distributions.chance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The behavioural events around a customer's orders: now and then a browsing session (app open or login, product
 * page views, cart adds) just before an order, support contacts after refunds, email opens and visits at random.
 */
final class EventTrail {

    private static final long MINUTE = 60;
    private static final long DAY = 86_400;
    private static final double SESSION_BEFORE_ORDER = 0.05;
    private static final double SUPPORT_AFTER_REFUND = 0.6;
    private static final double PROSPECT_PAGE_VIEWS = 1.5;
    private static final double EMAIL_OPENS = 1.0;
    private static final double VISITS = 0.3;
    private static final double VISITS_PER_ORDER = 0.03;
    private static final double SUPPORT_WITHOUT_REFUND = 0.03;

    private static final List<String> PLATFORMS = List.of("ios", "android");
    private static final List<String> LOGIN_METHODS = List.of("password", "sms", "wechat");
    private static final List<String> SUPPORT_CHANNELS = List.of("phone", "wechat", "email");
    private static final List<String> SUPPORT_TOPICS = List.of("delivery", "invoice", "product", "account");
    private static final List<String> CAMPAIGNS =
            List.of("spring-sale", "new-arrivals", "member-day", "618-promo", "double-11", "weekly-digest");
    private static final List<String> OTHER_PAGES = List.of("/", "/search", "/promotions", "/cart");

    private final DemoCatalogue catalogue;
    private final long windowEnd;

    EventTrail(DemoCatalogue catalogue, long windowEnd) {
        this.catalogue = catalogue;
        this.windowEnd = windowEnd;
    }

    /** The shopper's events in time order, all within [sign-up, end of window). */
    List<DemoEvent> events(Shopper shopper, List<DemoOrder> orders, SplittableRandom random) {
        Trail trail = new Trail(shopper);
        for (DemoOrder order : orders) {
            long orderedAt = order.orderedAt().getEpochSecond();
            if (chance(random, SESSION_BEFORE_ORDER)) {
                session(trail, order, random);
            }
            if (order.status().equals("REFUNDED") && chance(random, SUPPORT_AFTER_REFUND)) {
                trail.add("support_contact", orderedAt + DAY + random.nextLong(4 * DAY), support("refund", random));
            }
        }
        if (orders.isEmpty()) {
            // Prospects look around without buying.
            for (int i = Distributions.poisson(random, PROSPECT_PAGE_VIEWS); i > 0; i--) {
                DemoProduct product = catalogue.pick(CategoryTastes.anyFor(shopper.company(), random), random);
                trail.add("page_view", trail.anyTime(random), productPage(product.sku()));
            }
        }
        if (shopper.customer().email() != null) {
            for (int i = Distributions.poisson(random, EMAIL_OPENS); i > 0; i--) {
                trail.add("email_open", trail.anyTime(random), properties("campaign", any(random, CAMPAIGNS)));
            }
        }
        for (int i = Distributions.poisson(random, VISITS + VISITS_PER_ORDER * orders.size()); i > 0; i--) {
            visit(trail, trail.anyTime(random), random);
        }
        if (chance(random, SUPPORT_WITHOUT_REFUND)) {
            trail.add("support_contact", trail.anyTime(random), support(any(random, SUPPORT_TOPICS), random));
        }
        return trail.inTimeOrder();
    }

    /** Within the three quarters of an hour before the order: open, browse the products, put them in the cart. */
    private void session(Trail trail, DemoOrder order, SplittableRandom random) {
        long orderedAt = order.orderedAt().getEpochSecond();
        long start = orderedAt - (5 + random.nextInt(40)) * MINUTE;
        visit(trail, start, random);
        if (chance(random, 0.3)) {
            trail.add("page_view", start + random.nextLong(orderedAt - start), page(any(random, OTHER_PAGES)));
        }
        for (DemoOrderLine line : order.lines()) {
            long viewedAt = start + 1 + random.nextLong(orderedAt - start - 1);
            trail.add("page_view", viewedAt, productPage(line.sku()));
            trail.add(
                    "cart_add",
                    viewedAt + random.nextLong(orderedAt - viewedAt),
                    properties("sku", line.sku(), "quantity", Integer.toString(line.quantity())));
        }
    }

    private static void visit(Trail trail, long epochSecond, SplittableRandom random) {
        if (chance(random, 0.5)) {
            trail.add("app_open", epochSecond, properties("platform", any(random, PLATFORMS)));
        } else {
            trail.add("login", epochSecond, properties("method", any(random, LOGIN_METHODS)));
        }
    }

    private static Map<String, String> page(String path) {
        return properties("page", path);
    }

    private static Map<String, String> productPage(String sku) {
        return page("/product/" + sku);
    }

    private static Map<String, String> support(String topic, SplittableRandom random) {
        return properties("channel", any(random, SUPPORT_CHANNELS), "topic", topic);
    }

    /** An unmodifiable map that keeps the given order, so output is the same on every run. */
    private static Map<String, String> properties(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Collects one customer's events, dropping any that fall outside the customer's lifetime. */
    private final class Trail {

        private final long customerId;
        private final long signedUp;
        private final List<DemoEvent> events = new ArrayList<>();

        Trail(Shopper shopper) {
            this.customerId = shopper.customer().id();
            this.signedUp = shopper.signedUpSecond();
        }

        void add(String type, long epochSecond, Map<String, String> properties) {
            if (epochSecond >= signedUp && epochSecond < windowEnd) {
                events.add(new DemoEvent(customerId, type, Instant.ofEpochSecond(epochSecond), properties));
            }
        }

        long anyTime(SplittableRandom random) {
            return signedUp + random.nextLong(windowEnd - signedUp);
        }

        List<DemoEvent> inTimeOrder() {
            events.sort(Comparator.comparing(DemoEvent::occurredAt));
            return List.copyOf(events);
        }
    }
}
