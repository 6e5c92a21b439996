package dev.retain.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A believable company's customers, orders and behavioural events over the two years before {@code asOf}, generated
 * deterministically from a seed and streamed one customer at a time, so memory stays flat however many customers.
 *
 * <p>Each customer draws from its own random stream, seeded by the seed and its id: customer k comes out the same
 * whatever the number of customers. Only order ids, counted across customers, depend on those before.
 */
public final class DemoDataGenerator {

    private final long seed;
    private final int customers;
    private final DemoCatalogue catalogue = new DemoCatalogue();
    private final ShopperFactory shoppers;
    private final PurchaseProcess purchases;
    private final OrderFactory orders;
    private final EventTrail events;

    public DemoDataGenerator(long seed, int customers, LocalDate asOf, ZoneId zone) {
        if (customers < 0) {
            throw new IllegalArgumentException("customers must not be negative: " + customers);
        }
        this.seed = seed;
        this.customers = customers;
        long windowEnd = asOf.atStartOfDay(zone).toEpochSecond();
        long windowStart = asOf.minusYears(2).atStartOfDay(zone).toEpochSecond();
        ShoppingHours hours = new ShoppingHours(zone);
        this.shoppers = new ShopperFactory(new PhoneNumbers(seed), hours, asOf, windowStart, windowEnd);
        this.purchases = new PurchaseProcess(hours, windowEnd);
        this.orders = new OrderFactory(new BasketBuilder(catalogue));
        this.events = new EventTrail(catalogue, windowEnd);
    }

    /** The product catalogue, the same for every seed. */
    public List<DemoProduct> products() {
        return catalogue.products();
    }

    /** Streams every customer with its orders and events, customer ids 1..N in order; lazily generated. */
    public void forEachCustomer(Consumer<DemoCustomerHistory> sink) {
        long nextOrderId = 1;
        for (long id = 1; id <= customers; id++) {
            DemoCustomerHistory history = history(id, nextOrderId);
            nextOrderId += history.orders().size();
            sink.accept(history);
        }
    }

    private DemoCustomerHistory history(long id, long firstOrderId) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + id);
        // Each part draws from its own split stream, so changing one part leaves the others' output alone.
        Shopper shopper = shoppers.create(id, random.split());
        List<Instant> times = purchases.orderTimes(shopper, random.split());
        SplittableRandom orderRandom = random.split();
        List<DemoOrder> placed = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            placed.add(orders.create(firstOrderId + i, shopper, times.get(i), i == 0, orderRandom));
        }
        List<DemoEvent> trail = events.events(shopper, placed, random.split());
        return new DemoCustomerHistory(shopper.customer(), List.copyOf(placed), trail);
    }
}
