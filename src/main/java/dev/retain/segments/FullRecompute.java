package dev.retain.segments;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores RFM for everyone and evaluates every dynamic audience for everyone: nightly (what only the passing of time
 * changes — days since, anniversaries — is caught here), and on demand.
 */
@Component
public class FullRecompute {

    private static final Logger log = LoggerFactory.getLogger(FullRecompute.class);

    private final RfmScores rfm;
    private final AudienceEvaluation evaluation;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String workMem;

    FullRecompute(
            RfmScores rfm,
            AudienceEvaluation evaluation,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            @Value("${retain.segments.batch-work-mem}") String workMem) {
        this.rfm = rfm;
        this.evaluation = evaluation;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.workMem = workMem;
    }

    /**
     * Lets this transaction's sorts and hashes over every customer stay in memory instead of spilling to disk; the
     * server's default is sized for many small queries.
     */
    private void useBatchMemory() {
        jdbc.sql("select set_config('work_mem', ?, true)")
                .param(workMem)
                .query(String.class)
                .single();
    }

    /** What the run did. */
    public record Result(RfmRun rfm, long membershipChanges, long millis) {}

    @Scheduled(cron = "${retain.segments.recompute-cron}", zone = "${retain.time-zone}")
    public Result run() {
        long started = System.nanoTime();
        RfmRun run = transaction.execute(status -> {
            useBatchMemory();
            return rfm.score();
        });
        long changes = transaction.execute(status -> {
            useBatchMemory();
            return evaluation.evaluateAll();
        });
        var result = new Result(run, changes, (System.nanoTime() - started) / 1_000_000);
        log.info(
                "Recomputed RFM for {} customers and {} membership changes in {} ms",
                run.customers(),
                changes,
                result.millis());
        return result;
    }
}
