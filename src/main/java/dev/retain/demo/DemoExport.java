package dev.retain.demo;

import dev.retain.platform.CsvWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes the demo company's orders as a transaction export would look (one row per order, Excel-style dates), with a
 * share of dirty rows as real exports have: unreadable dates and amounts, missing customer ids. Used by import tests
 * and benchmarks.
 */
public final class DemoExport {

    public static final String ORDERS_HEADER = "InvoiceNo,CustomerID,InvoiceDate,Total,Currency,Status,Coupon";
    public static final String ORDERS_MAPPING =
            "order_id=InvoiceNo,customer_id=CustomerID,order_date=InvoiceDate,amount=Total,currency=Currency,"
                    + "status=Status,coupon_code=Coupon";

    private static final DateTimeFormatter EXPORT_TIME = DateTimeFormatter.ofPattern("yyyy/M/d HH:mm");

    private DemoExport() {}

    /** What was written: all rows, and how many of them were made dirty. */
    public record Written(long rows, long dirtyRows) {}

    public static Written writeOrdersCsv(
            Path file, long seed, int customers, LocalDate asOf, ZoneId zone, double dirtyShare) throws IOException {
        var generator = new DemoDataGenerator(seed, customers, asOf, zone);
        var random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        long[] counts = new long[2];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvWriter csv = CsvWriter.to(out);
            csv.row((Object[]) ORDERS_HEADER.split(","));
            generator.forEachCustomer(history -> history.orders().forEach(order -> {
                String customer = "C" + order.customerId();
                String date = EXPORT_TIME.format(order.orderedAt().atZone(zone));
                String total = order.amount().toPlainString();
                if (random.nextDouble() < dirtyShare) {
                    counts[1]++;
                    switch (random.nextInt(3)) {
                        case 0 -> date = "31/31/2026";
                        case 1 -> total = "N/A";
                        default -> customer = "";
                    }
                }
                csv.row(
                        order.externalId(),
                        customer,
                        date,
                        total,
                        order.currency(),
                        order.status(),
                        order.couponCode());
                counts[0]++;
            }));
            csv.flush();
        }
        return new Written(counts[0], counts[1]);
    }
}
