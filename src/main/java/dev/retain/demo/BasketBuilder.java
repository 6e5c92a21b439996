package dev.retain.demo;

import static dev.retain.demo.Distributions.chance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills an order with one to four lines worth about a target value: most lines from the shopper's favourite category,
 * companion products often added alongside, companies buying in bulk.
 */
final class BasketBuilder {

    private static final int MAX_LINES = 4;
    private static final double FAVOURITE_SHARE = 0.6;
    private static final double COMPANION_CHANCE = 0.7;
    private static final BigDecimal CNY_PER_USD = new BigDecimal("7.10");

    private static final WeightedChoice<Integer> PERSON_LINE_COUNTS = lineCounts(45, 30, 17, 8);
    private static final WeightedChoice<Integer> COMPANY_LINE_COUNTS = lineCounts(20, 30, 28, 22);

    private final DemoCatalogue catalogue;

    BasketBuilder(DemoCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<DemoOrderLine> lines(Shopper shopper, double targetValue, SplittableRandom random) {
        int wanted = (shopper.company() ? COMPANY_LINE_COUNTS : PERSON_LINE_COUNTS).pick(random);
        double lineBudget = targetValue / wanted;
        List<DemoProduct> basket = new ArrayList<>(MAX_LINES);
        // Bounded, as a small category can keep offering products already in the basket.
        for (int attempt = 0; basket.size() < wanted && attempt < 3 * wanted; attempt++) {
            DemoProduct product = product(shopper, lineBudget, random);
            addOnce(basket, product);
            DemoProduct companion = catalogue.companionOf(product);
            if (companion != null && basket.size() < MAX_LINES && chance(random, COMPANION_CHANCE)) {
                addOnce(basket, companion);
            }
        }
        List<DemoOrderLine> lines = new ArrayList<>(basket.size());
        for (DemoProduct product : basket) {
            lines.add(new DemoOrderLine(
                    lines.size() + 1,
                    product.sku(),
                    product.name(),
                    product.category(),
                    quantity(shopper, product, lineBudget, random),
                    unitPrice(shopper, product)));
        }
        return List.copyOf(lines);
    }

    /** People pick the better-priced of two candidates, which keeps their spend level; companies adjust quantity. */
    private DemoProduct product(Shopper shopper, double lineBudget, SplittableRandom random) {
        String category = chance(random, FAVOURITE_SHARE)
                ? shopper.favouriteCategory()
                : CategoryTastes.anyFor(shopper.company(), random);
        DemoProduct first = catalogue.pick(category, random);
        if (shopper.company()) {
            return first;
        }
        DemoProduct second = catalogue.pick(category, random);
        return distance(second, lineBudget) < distance(first, lineBudget) ? second : first;
    }

    private static double distance(DemoProduct product, double lineBudget) {
        return Math.abs(StrictMath.log(product.price().doubleValue() / lineBudget));
    }

    private static int quantity(Shopper shopper, DemoProduct product, double lineBudget, SplittableRandom random) {
        double fitting = lineBudget / product.price().doubleValue() * (0.5 + random.nextDouble());
        int quantity = (int) Math.max(1, Math.round(fitting));
        if (!shopper.company()) {
            return Math.min(quantity, 3);
        }
        // Bulk orders come in round numbers.
        if (quantity >= 50) {
            return Math.min(5000, Math.round(quantity / 10f) * 10);
        }
        return quantity >= 10 ? Math.round(quantity / 5f) * 5 : quantity;
    }

    private static BigDecimal unitPrice(Shopper shopper, DemoProduct product) {
        return shopper.currency().equals("USD")
                ? product.price().divide(CNY_PER_USD, 2, RoundingMode.HALF_UP)
                : product.price();
    }

    private static void addOnce(List<DemoProduct> basket, DemoProduct product) {
        if (!basket.contains(product)) {
            basket.add(product);
        }
    }

    private static WeightedChoice<Integer> lineCounts(double... weights) {
        WeightedChoice.Builder<Integer> builder = WeightedChoice.builder();
        for (int i = 0; i < weights.length; i++) {
            builder.add(i + 1, weights[i]);
        }
        return builder.build();
    }
}
