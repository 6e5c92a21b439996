package dev.retain.demo;

import dev.retain.analytics.AnalyticsRefresh;
import dev.retain.customers.Customers;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.UserAccounts;
import dev.retain.predict.NightlyClvScoring;
import dev.retain.predict.NightlyProductAssociations;
import dev.retain.predict.ScheduledChurnScoring;
import dev.retain.segments.FullRecompute;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain demo}: into an empty database, loads the demo company's customers and their history up to the day
 * it started using Retain (60 days ago unless {@code retain.demo.past-days} says otherwise), plays its time with Retain since (journeys, coupons, messages, the team's tasks, imports),
 * scores everyone as of today, then says what was generated, where to go and how to sign in.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class DemoStartup {

    static final long SEED = 20_261_123L;
    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    private final DemoDataset dataset;
    private final CompanyPast past;
    private final Customers customers;
    private final NightlyClvScoring clvScoring;
    private final ScheduledChurnScoring churnScoring;
    private final NightlyProductAssociations associations;
    private final FullRecompute segmentation;
    private final AnalyticsRefresh analytics;
    private final CompanyZone zone;
    private final Clock clock;
    private final int size;
    private final int pastDays;

    DemoStartup(
            DemoDataset dataset,
            CompanyPast past,
            Customers customers,
            NightlyClvScoring clvScoring,
            ScheduledChurnScoring churnScoring,
            NightlyProductAssociations associations,
            FullRecompute segmentation,
            AnalyticsRefresh analytics,
            CompanyZone zone,
            Clock clock,
            @Value("${retain.demo.customers:10000}") int size,
            @Value("${retain.demo.past-days:60}") int pastDays) {
        this.dataset = dataset;
        this.past = past;
        this.customers = customers;
        this.clvScoring = clvScoring;
        this.churnScoring = churnScoring;
        this.associations = associations;
        this.segmentation = segmentation;
        this.analytics = analytics;
        this.zone = zone;
        this.clock = clock;
        this.size = size;
        this.pastDays = pastDays;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadAndGreet(ApplicationReadyEvent ready) {
        List<String> generated = customers.count() == 0 ? generate() : List.of();
        Environment environment = ready.getApplicationContext().getEnvironment();
        var summary = new StringBuilder();
        if (!generated.isEmpty()) {
            summary.append("\nThe demo company was generated:\n");
            generated.forEach(line -> summary.append("  - ").append(line).append('\n'));
        }
        System.out.printf(
                """
                %s
                Retain demo is ready: http://localhost:%s
                Sign in as admin / %s (or manager, marketer, sales1, service, analyst with the same password).

                """, summary, environment.getProperty("local.server.port", "8080"), UserAccounts.DEMO_PASSWORD);
    }

    private List<String> generate() {
        long started = System.nanoTime();
        LocalDate today = zone.today(clock);
        LocalDate firstDay = today.minusDays(pastDays);
        log.info("Generating the demo company: {} customers, {} days with Retain …", size, pastDays);
        var heldBack = new DemoDataset.HeldBack(new ArrayList<>(), new ArrayList<>());
        var loaded = dataset.load(
                SEED,
                size,
                today,
                zone.zone(),
                firstDay.atStartOfDay(zone.zone()).toInstant(),
                heldBack);
        long historyLoaded = System.nanoTime();
        var generated = new ArrayList<String>();
        generated.add("%d customers with %d orders and %d events before they started with Retain"
                .formatted(loaded.customers(), loaded.orders(), loaded.events()));
        generated.addAll(past.play(firstDay, today, heldBack.orders(), SEED));
        long pastPlayed = System.nanoTime();
        dataset.loadEvents(heldBack.events());
        clvScoring.run();
        churnScoring.retrain();
        associations.run();
        segmentation.run();
        analytics.rebuild();
        long done = System.nanoTime();
        generated.add("scored as of today: lifetime value, churn risk, RFM, tags, product associations, dashboard");
        generated.add("in %.1f s (history %.1f s, past %.1f s, scores %.1f s)"
                .formatted(
                        (done - started) / 1e9,
                        (historyLoaded - started) / 1e9,
                        (pastPlayed - historyLoaded) / 1e9,
                        (done - pastPlayed) / 1e9));
        return generated;
    }
}
