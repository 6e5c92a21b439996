package dev.retain.demo;

import dev.retain.customers.Customers;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.UserAccounts;
import dev.retain.predict.NightlyClvScoring;
import dev.retain.predict.NightlyProductAssociations;
import dev.retain.predict.ScheduledChurnScoring;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceTemplate;
import dev.retain.segments.Audiences;
import dev.retain.segments.FullRecompute;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain demo}: loads the demo dataset into an empty database, scores lifetime value and RFM, mines the product
 * associations and switches on the ready-made tags, then says where to go and how to sign in.
 */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class DemoStartup {

    static final long SEED = 20_261_123L;
    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    private final DemoDataset dataset;
    private final Customers customers;
    private final NightlyClvScoring clvScoring;
    private final DemoJourney journey;
    private final ScheduledChurnScoring churnScoring;
    private final NightlyProductAssociations associations;
    private final FullRecompute segmentation;
    private final Audiences audiences;
    private final CompanyZone zone;
    private final Clock clock;
    private final int size;

    DemoStartup(
            DemoDataset dataset,
            Customers customers,
            NightlyClvScoring clvScoring,
            DemoJourney journey,
            ScheduledChurnScoring churnScoring,
            NightlyProductAssociations associations,
            FullRecompute segmentation,
            Audiences audiences,
            CompanyZone zone,
            Clock clock,
            @Value("${retain.demo.customers:10000}") int size) {
        this.dataset = dataset;
        this.customers = customers;
        this.clvScoring = clvScoring;
        this.journey = journey;
        this.churnScoring = churnScoring;
        this.associations = associations;
        this.segmentation = segmentation;
        this.audiences = audiences;
        this.zone = zone;
        this.clock = clock;
        this.size = size;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadAndGreet(ApplicationReadyEvent ready) {
        if (customers.count() == 0) {
            long started = System.nanoTime();
            log.info("Loading the demo dataset: {} customers …", size);
            var loaded = dataset.load(SEED, size, zone.today(clock), zone.zone());
            log.info(
                    "Demo dataset loaded in {} s: {} customers, {} orders, {} events",
                    (System.nanoTime() - started) / 1_000_000_000.0,
                    loaded.customers(),
                    loaded.orders(),
                    loaded.events());
            clvScoring.run();
            churnScoring.retrain();
            associations.run();
            segmentation.run();
            AudienceTemplate.ALL.stream()
                    .filter(template -> template.requiredFields().isEmpty())
                    .forEach(template -> audiences.createFromTemplate(template.key()));
            log.info(
                    "Demo tags switched on: {}",
                    audiences.list(AudienceKind.TAG).size());
            journey.create();
        }
        Environment environment = ready.getApplicationContext().getEnvironment();
        System.out.printf("""

                Retain demo is ready: http://localhost:%s
                Sign in as admin / %s (or manager, marketer, sales1, service, analyst with the same password).

                """, environment.getProperty("local.server.port", "8080"), UserAccounts.DEMO_PASSWORD);
    }
}
