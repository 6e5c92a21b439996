package dev.retain.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's clock: the system clock, set back while the company's past is played so that every module acts as it
 * would have on those days, then back to now. It only moves forwards while the past is played.
 */
final class DemoClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private volatile Duration behind = Duration.ZERO;

    /** Sets the clock to {@code instant}, which must not be before the time it shows now. */
    synchronized void moveTo(Instant instant) {
        Instant now = instant();
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("The demo clock only moves forwards: " + instant + " is before " + now);
        }
        behind = Duration.between(instant, system.instant());
    }

    /** The clock shows the real time again. */
    synchronized void backToNow() {
        behind = Duration.ZERO;
    }

    /** Sets the clock back to {@code instant}: only before the past is played. */
    synchronized void startAt(Instant instant) {
        behind = Duration.between(instant, system.instant());
    }

    @Override
    public Instant instant() {
        return system.instant().minus(behind);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(system, behind.negated()).withZone(zone);
    }
}
