package dev.retain.demo;

import dev.retain.customers.Customers;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.UserAccounts;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** {@code ./retain demo}: loads the demo dataset into an empty database, then says where to go and how to sign in. */
@Component
@ConditionalOnProperty(name = "retain.demo.enabled", havingValue = "true")
class DemoStartup {

    static final long SEED = 20_261_123L;
    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    private final DemoDataset dataset;
    private final Customers customers;
    private final CompanyZone zone;
    private final Clock clock;
    private final int size;

    DemoStartup(
            DemoDataset dataset,
            Customers customers,
            CompanyZone zone,
            Clock clock,
            @Value("${retain.demo.customers:10000}") int size) {
        this.dataset = dataset;
        this.customers = customers;
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
        }
        Environment environment = ready.getApplicationContext().getEnvironment();
        System.out.printf("""

                Retain demo is ready: http://localhost:%s
                Sign in as admin / %s (or manager, marketer, sales1, service, analyst with the same password).

                """, environment.getProperty("local.server.port", "8080"), UserAccounts.DEMO_PASSWORD);
    }
}
