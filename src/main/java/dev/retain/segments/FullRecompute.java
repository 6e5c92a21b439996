package dev.retain.segments;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Scores RFM for everyone and evaluates every dynamic audience for everyone: nightly (what only the passing of time
 * changes — days since, anniversaries — is caught here), and on demand.
 */
@Component
public class FullRecompute {

    private static final Logger log = LoggerFactory.getLogger(FullRecompute.class);

    private final RfmScores rfm;
    private final AudienceEvaluation evaluation;

    FullRecompute(RfmScores rfm, AudienceEvaluation evaluation) {
        this.rfm = rfm;
        this.evaluation = evaluation;
    }

    /** What the run did. */
    public record Result(RfmRun rfm, long membershipChanges, long millis) {}

    /** Nightly, once in the cluster. */
    @Bean
    ScheduledJob segmentsRecomputeJob(@Value("${retain.segments.recompute-cron}") String cron, CompanyZone zone) {
        return new ScheduledJob("segments.recompute", cron, zone.zone(), this::run);
    }

    public Result run() {
        long started = System.nanoTime();
        RfmRun run = rfm.score();
        long changes = evaluation.evaluateAll();
        var result = new Result(run, changes, (System.nanoTime() - started) / 1_000_000);
        log.info(
                "Recomputed RFM for {} customers and {} membership changes in {} ms",
                run.customers(),
                changes,
                result.millis());
        return result;
    }
}
