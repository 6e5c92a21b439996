package dev.retain.demo;

import static dev.retain.demo.Distributions.chance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When a shopper orders, following the BG/NBD model of repeat buying: while alive, a customer orders at rate λ ~
 * Gamma(r, α) (exponential gaps), and after each order drops out for good with probability p ~ Beta(a, b). A share of
 * customers are prospects who never order; the rest order first at, or shortly after, signing up.
 */
final class PurchaseProcess {

    private record Parameters(
            double prospectShare, double rateShape, double meanOrdersPerDay, double dropOutA, double dropOutB) {}

    // Tuned so customers average about ten orders and some two in five have not ordered in the last 90 days.
    private static final Parameters PERSON = new Parameters(0.10, 1.5, 0.034, 1.2, 35);
    private static final Parameters COMPANY = new Parameters(0.07, 1.5, 0.07, 1.0, 50);

    private static final long DAY = 86_400;

    private final ShoppingHours hours;
    private final long windowEnd;

    PurchaseProcess(ShoppingHours hours, long windowEnd) {
        this.hours = hours;
        this.windowEnd = windowEnd;
    }

    List<Instant> orderTimes(Shopper shopper, SplittableRandom random) {
        Parameters parameters = shopper.company() ? COMPANY : PERSON;
        if (chance(random, parameters.prospectShare())) {
            return List.of();
        }
        double ordersPerDay =
                Distributions.gammaWithMean(random, parameters.rateShape(), parameters.meanOrdersPerDay());
        double dropOut = Distributions.beta(random, parameters.dropOutA(), parameters.dropOutB());
        List<Instant> times = new ArrayList<>();
        long at = firstOrder(shopper, random);
        while (at < windowEnd) {
            times.add(Instant.ofEpochSecond(at));
            if (chance(random, dropOut)) {
                break;
            }
            // A double, as a near-zero rate gives gaps beyond any long.
            double next = at + Distributions.exponential(random, DAY / ordersPerDay);
            if (next >= windowEnd) {
                break;
            }
            at = hours.retime((long) next, at, windowEnd, shopper.company(), random);
        }
        return times;
    }

    /** Often in the sign-up session itself, else within days. */
    private long firstOrder(Shopper shopper, SplittableRandom random) {
        long signedUp = shopper.signedUpSecond();
        if (chance(random, 0.4)) {
            return signedUp + 60 + random.nextInt(30 * 60);
        }
        double later = signedUp + Distributions.exponential(random, 4 * DAY);
        return later >= windowEnd
                ? windowEnd
                : hours.retime((long) later, signedUp, windowEnd, shopper.company(), random);
    }
}
