package dev.retain.demo;

import dev.retain.ingest.BulkIngest;
import dev.retain.journeys.ScheduledJourneyTriggers;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.DueWork;
import dev.retain.platform.PendingEvents;
import dev.retain.segments.FullRecompute;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Plays the demo company's months with Retain, day by day on the demo clock, through the modules themselves: each
 * night the segments are recomputed and each morning the scheduled journeys run, as their schedules would; the
 * chapters act; each evening the shop sends the day's orders. Between these, every background work due (journey
 * steps, messages, event listeners, real-time segments) runs to its end, so each day starts from where the last left
 * off, as in a running installation.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class CompanyPast {

    private static final Logger log = LoggerFactory.getLogger(CompanyPast.class);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

    private final DemoClock clock;
    private final List<PastChapter> chapters;
    private final List<DueWork> work;
    private final PendingEvents events;
    private final FullRecompute segmentation;
    private final ScheduledJourneyTriggers dailyJourneys;
    private final BulkIngest ingest;
    private final CompanyZone zone;
    private final int recomputeEveryDays;
    private final java.util.Map<String, Long> spent = new java.util.LinkedHashMap<>();

    CompanyPast(
            DemoClock clock,
            List<PastChapter> chapters,
            List<DueWork> work,
            PendingEvents events,
            FullRecompute segmentation,
            ScheduledJourneyTriggers dailyJourneys,
            BulkIngest ingest,
            CompanyZone zone,
            @Value("${retain.demo.recompute-every-days:7}") int recomputeEveryDays) {
        this.clock = clock;
        this.chapters = chapters.stream()
                .sorted(Comparator.comparingInt(PastChapter::order))
                .toList();
        this.work = work;
        this.events = events;
        this.segmentation = segmentation;
        this.dailyJourneys = dailyJourneys;
        this.ingest = ingest;
        this.zone = zone;
        this.recomputeEveryDays = recomputeEveryDays;
    }

    /** Plays the days from {@code firstDay} up to the day before {@code today}; the clock is back to now after. */
    List<String> play(LocalDate firstDay, LocalDate today, List<DemoOrder> heldBackOrders, long seed) {
        var shop = new ShopOrders(ingest, zone.zone(), seed, heldBackOrders);
        clock.startAt(firstDay.atStartOfDay(zone.zone()).toInstant());
        try {
            for (LocalDate date = firstDay; date.isBefore(today); date = date.plusDays(1)) {
                long number = date.toEpochDay() - firstDay.toEpochDay();
                var day = new PastDay(date, number, zone.zone(), clock, shop, this::settle, seed);
                live(day, shop);
            }
        } finally {
            clock.backToNow();
        }
        var generated = new ArrayList<String>();
        generated.add("%d days with Retain from %s: %d orders came in from the shop, %d of them answering a message"
                .formatted(
                        today.toEpochDay() - firstDay.toEpochDay(), firstDay, shop.sentOrders(), shop.extraOrders()));
        if (shop.rejectedLines() > 0) {
            generated.add(shop.rejectedLines() + " order lines rejected by the import (see the log)");
        }
        chapters.forEach(chapter -> generated.addAll(chapter.generated()));
        log.info("Time spent by each chapter of the past, with the work it set off: {}", spentSeconds());
        return generated;
    }

    private void live(PastDay day, ShopOrders shop) {
        day.moveTo(LocalTime.of(2, 30));
        if (day.number() > 0 && day.number() % recomputeEveryDays == 0) {
            segmentation.run();
            settle();
        }
        day.moveTo(LocalTime.of(9, 0));
        if (day.number() == 0) {
            for (PastChapter chapter : chapters) {
                chapter.adopt(day);
                settle();
            }
        }
        dailyJourneys.run();
        settle();
        for (PastChapter chapter : chapters) {
            day.moveTo(LocalTime.of(9, 0));
            long started = System.nanoTime();
            chapter.live(day);
            settle();
            spent.merge(chapter.getClass().getSimpleName(), System.nanoTime() - started, Long::sum);
        }
        day.moveTo(LocalTime.of(23, 0));
        shop.sendDay(day.date());
        settle();
    }

    private String spentSeconds() {
        var shown = new java.util.StringJoiner(", ");
        spent.forEach((chapter, nanos) -> shown.add("%s %.1f s".formatted(chapter, nanos / 1e9)));
        return shown.toString();
    }

    /** Runs every due work until none is left and every event published has been handled. */
    void settle() {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        boolean quietOnce = false;
        while (System.nanoTime() < deadline) {
            int done = 0;
            for (DueWork due : work) {
                done += due.runDue();
            }
            if (done > 0) {
                quietOnce = false;
            } else if (events.any()) {
                quietOnce = false;
                pause();
            } else if (quietOnce) {
                return;
            } else {
                // a listener that just finished may have left work behind: one more round
                quietOnce = true;
            }
        }
        log.warn("Background work still going after {}; the demo moves on", SETTLE_LIMIT);
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the demo's past was played", e);
        }
    }
}
