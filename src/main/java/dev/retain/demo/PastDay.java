package dev.retain.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.SplittableRandom;

/** One day of the demo company's past as a chapter sees it: the date, the clock, the shop, and settling the work. */
public final class PastDay {

    private final LocalDate date;
    private final long number;
    private final ZoneId zone;
    private final DemoClock clock;
    private final ShopOrders shop;
    private final Runnable settle;
    private final long seed;

    PastDay(LocalDate date, long number, ZoneId zone, DemoClock clock, ShopOrders shop, Runnable settle, long seed) {
        this.date = date;
        this.number = number;
        this.zone = zone;
        this.clock = clock;
        this.shop = shop;
        this.settle = settle;
        this.seed = seed;
    }

    public LocalDate date() {
        return date;
    }

    /** Days since the company started with Retain: 0 on the first day. */
    public long number() {
        return number;
    }

    public Instant at(LocalTime time) {
        return date.atTime(time).atZone(zone).toInstant();
    }

    /** Moves the clock on to this time of the day (never back). */
    public void moveTo(LocalTime time) {
        Instant target = at(time);
        if (target.isAfter(clock.instant())) {
            clock.moveTo(target);
        }
    }

    /** A random stream of its own for each chapter and day, so the past comes out the same every time. */
    public SplittableRandom random(String chapter) {
        return new SplittableRandom(seed * 31 + date.toEpochDay() * 1_000_003L + chapter.hashCode());
    }

    /**
     * The customer buys in the shop {@code inDays} days from today at {@code time}, for at least {@code atLeast} (base
     * currency), paying with the coupon given (or none): the order reaches Retain with the rest of that day's orders.
     */
    public void buys(long customerId, int inDays, LocalTime time, BigDecimal atLeast, String couponCode) {
        shop.extraOrder(
                customerId, date.plusDays(inDays).atTime(time).atZone(zone).toInstant(), atLeast, couponCode);
    }

    /** Lets every background work due now run to its end: steps, messages, events and their listeners. */
    public void settle() {
        settle.run();
    }
}
