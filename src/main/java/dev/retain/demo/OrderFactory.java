package dev.retain.demo;

import static dev.retain.demo.Distributions.chance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Turns a purchase moment into an order: value drawn around the shopper's spend level, status, coupon. */
final class OrderFactory {

    // Gamma-Gamma spend: each order's value varies around the shopper's own mean (coefficient of variation 0.5).
    private static final double ORDER_VALUE_SHAPE = 4;

    private static final WeightedChoice<String> STATUSES = WeightedChoice.<String>builder()
            .add("PAID", 95)
            .add("REFUNDED", 3)
            .add("CANCELLED", 2)
            .build();
    private static final WeightedChoice<String> COUPONS = WeightedChoice.<String>builder()
            .add("SAVE20", 30)
            .add("SPRING15", 15)
            .add("VIP50", 10)
            .add("DOUBLE11", 15)
            .add("618SALE", 15)
            .add("FREESHIP", 15)
            .build();

    private final BasketBuilder baskets;

    OrderFactory(BasketBuilder baskets) {
        this.baskets = baskets;
    }

    DemoOrder create(long orderId, Shopper shopper, Instant orderedAt, boolean firstOrder, SplittableRandom random) {
        double targetValue = Distributions.gammaWithMean(random, ORDER_VALUE_SHAPE, shopper.meanOrderValue());
        List<DemoOrderLine> lines = baskets.lines(shopper, targetValue, random);
        return new DemoOrder(
                orderId,
                shopper.customer().id(),
                externalId(orderId),
                orderedAt,
                STATUSES.pick(random),
                shopper.currency(),
                amount(lines),
                coupon(firstOrder, random),
                lines);
    }

    /** Newcomers often use the welcome coupon; later orders now and then a campaign's. */
    private static String coupon(boolean firstOrder, SplittableRandom random) {
        if (firstOrder) {
            return chance(random, 0.3) ? "WELCOME10" : null;
        }
        return chance(random, 0.06) ? COUPONS.pick(random) : null;
    }

    private static BigDecimal amount(List<DemoOrderLine> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (DemoOrderLine line : lines) {
            sum = sum.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    /** "SO-00000123": zero-padded to eight digits, longer beyond that. */
    private static String externalId(long orderId) {
        String digits = Long.toString(orderId);
        return "SO-" + "0".repeat(Math.max(0, 8 - digits.length())) + digits;
    }
}
