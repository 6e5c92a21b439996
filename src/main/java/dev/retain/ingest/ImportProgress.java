package dev.retain.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a running job's progress in transactions of its own, so others see it while the job's data waits for its
 * single commit; and reads whether someone asked to cancel.
 */
@Component
class ImportProgress {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    ImportProgress(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Records progress; returns true when the job should stop because it was cancelled. */
    boolean report(long jobId, String phase, long rowsRead, long bytesRead, long bytesTotal) {
        Boolean cancel = ownTransaction.execute(status -> jdbc.sql("""
                        update import_jobs set phase = ?, rows_read = ?, bytes_read = ?, bytes_total = ?,
                            heartbeat_at = ?
                        where id = ? returning cancel_requested""")
                .params(phase, rowsRead, bytesRead, bytesTotal, now(), jobId)
                .query(Boolean.class)
                .single());
        return Boolean.TRUE.equals(cancel);
    }

    void heartbeat(long jobId) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("update import_jobs set heartbeat_at = ? where id = ?")
                .params(now(), jobId)
                .update());
    }

    void end(long jobId, ImportStatus status, String error) {
        ownTransaction.executeWithoutResult(
                tx -> jdbc.sql("""
                        update import_jobs set status = ?, error = ?, phase = null, finished_at = ?
                        where id = ? and status = 'RUNNING'""").params(status.name(), error, now(), jobId).update());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
