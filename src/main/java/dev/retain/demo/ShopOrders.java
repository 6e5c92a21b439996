package dev.retain.demo;

import dev.retain.ingest.BulkIngest;
import dev.retain.ingest.ImportKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo company's shop while its past is played: each evening it sends the day's orders to Retain through the bulk
 * API, as a shop system would — those the dataset generated for that day and those customers placed in answer to
 * what Retain sent them.
 */
final class ShopOrders {

    private static final Logger log = LoggerFactory.getLogger(ShopOrders.class);
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");

    private final BulkIngest ingest;
    private final ZoneId zone;
    private final DemoCatalogue catalogue = new DemoCatalogue();
    private final SplittableRandom random;
    private final TreeMap<LocalDate, List<DemoOrder>> byDay = new TreeMap<>();
    private long extraOrders;
    private long sentOrders;
    private long rejectedLines;

    ShopOrders(BulkIngest ingest, ZoneId zone, long seed, List<DemoOrder> heldBack) {
        this.ingest = ingest;
        this.zone = zone;
        this.random = new SplittableRandom(seed);
        heldBack.forEach(this::add);
    }

    /** An order the customer places in answer to a message: products from the catalogue worth at least the amount. */
    void extraOrder(long customerId, Instant at, BigDecimal atLeast, String couponCode) {
        List<DemoProduct> products = catalogue.products();
        var lines = new ArrayList<DemoOrderLine>();
        BigDecimal total = BigDecimal.ZERO;
        while (total.compareTo(atLeast) < 0 || lines.isEmpty()) {
            DemoProduct product = products.get(random.nextInt(products.size()));
            int quantity = 1 + random.nextInt(2);
            lines.add(new DemoOrderLine(
                    lines.size() + 1, product.sku(), product.name(), product.category(), quantity, product.price()));
            total = total.add(product.price().multiply(BigDecimal.valueOf(quantity)));
        }
        extraOrders++;
        add(new DemoOrder(
                0, customerId, "SO-R%06d".formatted(extraOrders), at, "PAID", "CNY", total, couponCode, lines));
    }

    /** Sends the day's orders, one record per order line; returns how many orders were sent. */
    int sendDay(LocalDate day) {
        List<DemoOrder> orders = byDay.remove(day);
        if (orders == null || orders.isEmpty()) {
            return 0;
        }
        var records = new ArrayList<Map<String, Object>>();
        for (DemoOrder order : orders) {
            for (DemoOrderLine line : order.lines()) {
                records.add(record(order, line));
            }
        }
        for (int from = 0; from < records.size(); from += BulkIngest.MAX_RECORDS) {
            var results = ingest.ingest(
                    ImportKind.ORDERS,
                    DemoDataset.SHOP,
                    records.subList(from, Math.min(records.size(), from + BulkIngest.MAX_RECORDS)),
                    Map.of());
            results.stream().filter(r -> r.result().equals("rejected")).forEach(r -> {
                rejectedLines++;
                log.warn("The shop's order line {} was rejected: {}", r.index(), r.reason());
            });
        }
        sentOrders += orders.size();
        return orders.size();
    }

    long sentOrders() {
        return sentOrders;
    }

    long extraOrders() {
        return extraOrders;
    }

    long rejectedLines() {
        return rejectedLines;
    }

    private void add(DemoOrder order) {
        byDay.computeIfAbsent(order.orderedAt().atZone(zone).toLocalDate(), day -> new ArrayList<>())
                .add(order);
    }

    private Map<String, Object> record(DemoOrder order, DemoOrderLine line) {
        var record = new HashMap<String, Object>();
        record.put("order_id", order.externalId());
        record.put("customer_id", DemoDataset.shopNumber(order.customerId()));
        record.put("order_date", ORDER_TIME.format(order.orderedAt().atZone(zone)));
        record.put("amount", order.amount().toPlainString());
        record.put("currency", order.currency());
        record.put("status", order.status());
        if (order.couponCode() != null) {
            record.put("coupon_code", order.couponCode());
        }
        record.put("sku", line.sku());
        record.put("product_name", line.productName());
        record.put("category", line.category());
        record.put("quantity", line.quantity());
        record.put("unit_price", line.unitPrice().toPlainString());
        return record;
    }
}
