package dev.retain.analytics;

import dev.retain.commerce.OrdersRecorded;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the precomputed aggregates current. Orders recorded for a few customers refresh those customers' buyer rows at
 * once and mark the cohort matrix stale; it is rebuilt on the next check (every few minutes). A large import, the
 * nightly run and an on-demand refresh rebuild both.
 */
@Component
public class AnalyticsRefresh {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsRefresh.class);

    private final BuyerSummaries buyers;
    private final Cohorts cohorts;
    private final JdbcClient jdbc;
    private final DashboardCache cache;

    AnalyticsRefresh(BuyerSummaries buyers, Cohorts cohorts, JdbcClient jdbc, DashboardCache cache) {
        this.cache = cache;
        this.buyers = buyers;
        this.cohorts = cohorts;
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(OrdersRecorded orders) {
        if (orders.manyCustomers()) {
            rebuild();
        } else {
            buyers.refresh(orders.customerIds());
        }
    }

    /**
     * Shortly after start (the first time, everything is built) and then every few minutes, on every instance: a cheap
     * check of two flags, and the rebuilds it starts wait for each other (advisory locks) and reset the flags, so a
     * second instance finds nothing stale. Not a nightly job: it polls state, like the queues' workers.
     */
    @Scheduled(fixedDelayString = "${retain.analytics.cohort-check-ms}", initialDelay = 10_000)
    void rebuildWhatIsStale() {
        boolean[] neverBuiltAndStale = jdbc.sql("select buyers_at is null, cohorts_stale from analytics_refreshes")
                .query((rs, row) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)})
                .single();
        if (neverBuiltAndStale[0]) {
            rebuild();
        } else if (neverBuiltAndStale[1]) {
            cohorts.rebuild();
        }
    }

    /** Nightly, once in the cluster. */
    @Bean
    ScheduledJob analyticsRebuildJob(@Value("${retain.analytics.rebuild-cron}") String cron, CompanyZone zone) {
        return new ScheduledJob("analytics.rebuild", cron, zone.zone(), this::rebuild);
    }

    /** Rebuilds the buyer summaries and the cohort matrix; returns when the cohorts were built. */
    public Instant rebuild() {
        long started = System.nanoTime();
        long count = buyers.rebuild();
        Instant builtAt = cohorts.rebuild();
        cache.clear();
        log.info("Rebuilt analytics for {} buyers in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        return builtAt;
    }
}
