package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Recomputes the product associations nightly, before the segments' recompute, so tags and segments on
 * {@code predict.missing_companion} see the new rules.
 */
@Component
public class NightlyProductAssociations {

    private static final Logger log = LoggerFactory.getLogger(NightlyProductAssociations.class);

    private final ProductAssociations associations;

    NightlyProductAssociations(ProductAssociations associations) {
        this.associations = associations;
    }

    /** Nightly, once in the cluster. */
    @Bean
    ScheduledJob productAssociationsJob(
            @Value("${retain.predict.recommendations-cron}") String cron, CompanyZone zone) {
        return new ScheduledJob("predict.product-associations", cron, zone.zone(), this::run);
    }

    public AssociationRun run() {
        long started = System.nanoTime();
        AssociationRun run = associations.recompute();
        log.info(
                "Product associations: {} rules among {} products from {} customers in {} ms",
                run.rules(),
                run.products(),
                run.customers(),
                (System.nanoTime() - started) / 1_000_000);
        return run;
    }
}
