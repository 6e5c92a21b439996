package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Refits the lifetime-value models on everything up to today and rescores every buyer, nightly before the segments'
 * recompute, so tags and segments on the scores see fresh ones.
 */
@Component
public class NightlyClvScoring {

    private static final Logger log = LoggerFactory.getLogger(NightlyClvScoring.class);

    private final ClvScores scores;
    private final CompanyZone zone;
    private final Clock clock;
    private final int horizonDays;
    private final double monthlyDiscount;

    NightlyClvScoring(
            ClvScores scores,
            CompanyZone zone,
            Clock clock,
            @Value("${retain.predict.clv-horizon-days}") int horizonDays,
            @Value("${retain.predict.monthly-discount}") double monthlyDiscount) {
        this.scores = scores;
        this.zone = zone;
        this.clock = clock;
        this.horizonDays = horizonDays;
        this.monthlyDiscount = monthlyDiscount;
    }

    /** Nightly, once in the cluster. */
    @Bean
    ScheduledJob clvScoringJob(@Value("${retain.predict.clv-cron}") String cron) {
        return new ScheduledJob("predict.clv", cron, zone.zone(), this::run);
    }

    public ClvScores.Run run() {
        long started = System.nanoTime();
        ClvScores.Run run = scores.score(zone.today(clock), TimeUnitOfFit.WEEKS, horizonDays, monthlyDiscount);
        log.info(
                "Scored lifetime value of {} customers in {} ms: {} (converged {})",
                run.customers(),
                (System.nanoTime() - started) / 1_000_000,
                run.purchases().model(),
                run.purchases().converged());
        return run;
    }
}
