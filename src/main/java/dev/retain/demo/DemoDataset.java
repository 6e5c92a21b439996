package dev.retain.demo;

import dev.retain.commerce.Order;
import dev.retain.commerce.OrderStatus;
import dev.retain.commerce.Orders;
import dev.retain.commerce.Product;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerRecord;
import dev.retain.customers.CustomerRecord.ContactRecord;
import dev.retain.customers.Customers;
import dev.retain.customers.Email;
import dev.retain.customers.Identity;
import dev.retain.customers.LifecycleStage;
import dev.retain.customers.Phone;
import dev.retain.events.Event;
import dev.retain.events.Events;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the generated company into an empty database through the modules' bulk loads: the team (one user per role,
 * sharing the demo password), customers with contacts and their numbers in the shop, products, orders and events.
 * Orders and events from a given moment on can be held back, for the company's past to replay them day by day.
 */
@Service
public class DemoDataset {

    /** Demo exchange rate for the few USD orders, until an admin maintains a rate table. */
    private static final BigDecimal USD_TO_CNY = new BigDecimal("7.10");

    private static final List<NewUser> TEAM = List.of(
            new NewUser("manager", "陈经理 Manager", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.MANAGER)),
            new NewUser("marketer", "林运营 Marketer", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.MARKETER)),
            new NewUser("sales1", "王伟 Sales", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.SALES)),
            new NewUser("sales2", "李娜 Sales", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.SALES)),
            new NewUser("sales3", "Tom Baker Sales", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.SALES)),
            new NewUser("service", "赵客服 Service", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.SERVICE)),
            new NewUser("service2", "钱客服 Service", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.SERVICE)),
            new NewUser("analyst", "周分析 Analyst", null, UserAccounts.DEMO_PASSWORD, Set.of(Role.ANALYST)));

    private final Customers customers;
    private final Orders orders;
    private final Events events;
    private final UserAccounts users;
    private final String defaultRegion;

    DemoDataset(
            Customers customers,
            Orders orders,
            Events events,
            UserAccounts users,
            @Value("${retain.default-region}") String defaultRegion) {
        this.customers = customers;
        this.orders = orders;
        this.events = events;
        this.users = users;
        this.defaultRegion = defaultRegion;
    }

    /** The system the demo company's orders come from; each customer's number in it is {@link #shopNumber}. */
    public static final String SHOP = "shop";

    /** What was loaded. */
    public record Loaded(long customers, long orders, long events) {}

    /** What was held back: orders and events at or after the moment given, in no particular order. */
    public record HeldBack(List<DemoOrder> orders, List<DemoEvent> events) {}

    /** Loads {@code size} customers with their history up to {@code asOf}; the database must hold no customers. */
    @Transactional
    public Loaded load(long seed, int size, LocalDate asOf, ZoneId zone) {
        return load(seed, size, asOf, zone, Instant.MAX, new HeldBack(new ArrayList<>(), new ArrayList<>()));
    }

    /**
     * Loads as {@link #load(long, int, LocalDate, ZoneId)} but only the orders and events before {@code from}; the
     * others are added to {@code heldBack}.
     */
    @Transactional
    public Loaded load(long seed, int size, LocalDate asOf, ZoneId zone, Instant from, HeldBack heldBack) {
        if (customers.count() > 0) {
            throw new IllegalStateException("The demo dataset loads only into a database without customers");
        }
        List<Long> owners = salesTeam();
        var generator = new DemoDataGenerator(seed, size, asOf, zone);
        Instant now = asOf.atStartOfDay(zone).toInstant();
        long loadedCustomers = customers.loadInBulk(
                sink -> generator.forEachCustomer(history -> sink.accept(customerRecord(history, owners, now))));
        List<Product> products = generator.products().stream()
                .map(p -> new Product(p.sku(), p.name(), p.category(), p.price()))
                .toList();
        // A bulk load may go through its records more than once (orders, then their lines): each pass starts afresh.
        long loadedOrders = orders.loadInBulk(products, sink -> {
            heldBack.orders().clear();
            generator.forEachCustomer(history -> history.orders().forEach(order -> {
                if (order.orderedAt().isBefore(from)) {
                    sink.accept(order(order));
                } else {
                    heldBack.orders().add(order);
                }
            }));
        });
        long loadedEvents = events.loadInBulk(sink -> {
            heldBack.events().clear();
            generator.forEachCustomer(history -> history.events().forEach(event -> {
                if (event.occurredAt().isBefore(from)) {
                    sink.accept(event(event));
                } else {
                    heldBack.events().add(event);
                }
            }));
        });
        return new Loaded(loadedCustomers, loadedOrders, loadedEvents);
    }

    /** Loads events held back before; they are history, not customers acting now. */
    public long loadEvents(List<DemoEvent> held) {
        return events.loadInBulk(sink -> held.forEach(event -> sink.accept(event(event))));
    }

    /** The customer's number in the shop system, by which the shop's orders name it. */
    public static String shopNumber(long customerId) {
        return "C" + customerId;
    }

    private static Event event(DemoEvent event) {
        return new Event(event.customerId(), event.type(), event.occurredAt(), event.properties());
    }

    private List<Long> salesTeam() {
        List<Long> owners = new ArrayList<>();
        List<String> demoUsernames = new ArrayList<>(List.of("admin"));
        TEAM.forEach(member -> demoUsernames.add(member.username()));
        if (!users.onlyDemoUsers(demoUsernames)) {
            // Real people sign in here: no accounts with the public demo password are added. The demo's customers
            // go to the real sales team, or to whoever can sign in when there is none.
            users.withAnyRole(Set.of(Role.SALES)).forEach(user -> owners.add(user.id()));
            if (owners.isEmpty()) {
                users.list().stream().filter(UserAccount::enabled).forEach(user -> owners.add(user.id()));
            }
            return owners;
        }
        for (NewUser member : TEAM) {
            UserAccount user = users.findByUsername(member.username()).orElseGet(() -> users.create(member));
            if (user.roles().contains(Role.SALES)) {
                owners.add(user.id());
            }
        }
        return owners;
    }

    private CustomerRecord customerRecord(DemoCustomerHistory history, List<Long> owners, Instant now) {
        DemoCustomer c = history.customer();
        boolean company = c.kind().equals("COMPANY");
        // Companies always have an account owner; a third of persons do.
        Long owner = company || c.id() % 3 == 0 ? owners.get((int) (c.id() % owners.size())) : null;
        List<ContactRecord> contacts =
                company ? List.of(new ContactRecord(c.contactName(), "采购", phone(c.contactPhone()), null)) : List.of();
        return new CustomerRecord(
                c.id(),
                CustomerKind.valueOf(c.kind()),
                c.name(),
                phone(c.phone()),
                email(c.email()),
                c.gender(),
                c.birthday(),
                c.city(),
                c.region(),
                c.industry(),
                owner,
                stage(history.orders(), now),
                c.source(),
                c.signedUpAt(),
                contacts,
                List.of(new Identity(SHOP, shopNumber(c.id()))));
    }

    /** A simple reading of the history, until segmentation computes stages from rules. */
    static LifecycleStage stage(List<DemoOrder> orders, Instant now) {
        List<DemoOrder> paid =
                orders.stream().filter(o -> o.status().equals("PAID")).toList();
        if (paid.isEmpty()) {
            return LifecycleStage.PROSPECT;
        }
        Instant last = paid.get(paid.size() - 1).orderedAt();
        long daysSince = Duration.between(last, now).toDays();
        if (daysSince > 180) {
            return LifecycleStage.LOST;
        }
        if (daysSince > 60) {
            return LifecycleStage.AT_RISK;
        }
        if (paid.size() >= 6) {
            return LifecycleStage.LOYAL;
        }
        return paid.size() >= 2 ? LifecycleStage.REPEAT : LifecycleStage.FIRST_ORDER;
    }

    private static Order order(DemoOrder o) {
        BigDecimal base = o.currency().equals("CNY")
                ? o.amount()
                : o.amount().multiply(USD_TO_CNY).setScale(2, RoundingMode.HALF_UP);
        return new Order(
                o.id(),
                o.customerId(),
                SHOP,
                o.externalId(),
                o.orderedAt(),
                OrderStatus.valueOf(o.status()),
                o.currency(),
                o.amount(),
                base,
                o.couponCode(),
                o.lines().stream()
                        .map(l -> new Order.OrderLine(
                                l.lineNo(), l.sku(), l.productName(), l.category(), l.quantity(), l.unitPrice()))
                        .toList());
    }

    private Phone phone(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Phone.parse(raw, defaultRegion);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Email email(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Email.parse(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
