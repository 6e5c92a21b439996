package dev.retain.ingest;

import dev.retain.ingest.files.ReadLimits;
import dev.retain.ingest.files.TableReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import job in one transaction, and commits the job's account together with its data: a crash or a cancel
 * leaves nothing half-imported. Progress and heartbeats are written beside it, visible while it runs.
 */
@Component
class ImportRun {

    private static final Logger log = LoggerFactory.getLogger(ImportRun.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ImportProgress progress;
    private final StagedImport stagedImport;
    private final DataQuality dataQuality;
    private final ReadLimits limits;

    ImportRun(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            ImportProgress progress,
            StagedImport stagedImport,
            DataQuality dataQuality,
            ReadLimits limits) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.progress = progress;
        this.stagedImport = stagedImport;
        this.dataQuality = dataQuality;
        this.limits = limits;
    }

    /** Runs a job that has been claimed (status RUNNING) to its end. */
    void run(ImportJob job, Path file) {
        var heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-heartbeat-" + job.id());
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(() -> progress.heartbeat(job.id()), 5, 5, TimeUnit.SECONDS);
        try {
            transaction.executeWithoutResult(status -> importAll(job, file));
            log.info("Import {} of {} finished", job.id(), job.fileName());
        } catch (ImportCancelled e) {
            progress.end(job.id(), ImportStatus.CANCELLED, null);
        } catch (RuntimeException e) {
            log.warn("Import {} of {} failed", job.id(), job.fileName(), e);
            progress.end(job.id(), ImportStatus.FAILED, describe(e));
        } finally {
            heartbeat.shutdownNow();
        }
    }

    private void importAll(ImportJob job, Path file) {
        StagedImport.Staged staged;
        try (TableReader reader = limits.open(file)) {
            staged = stagedImport.importRows(
                    job.kind(),
                    job.source(),
                    job.mapping(),
                    job.options(),
                    reader,
                    (rows, bytes, total) -> progress.report(job.id(), "reading", rows, bytes, total));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long rowsRead = staged.rowsRead();
        String outcomes = staged.outcomes();
        jdbc.sql("""
                        insert into import_rejections (job_id, row_number, reason, original)
                        select ?, row_number, reason, original from staged_rows where reason is not null""").param(job.id()).update();
        jdbc.sql("insert into import_merges (job_id, row_number, customer_id) select ?, row_number, customer_id from "
                        + outcomes + " where outcome = 'merged'")
                .param(job.id())
                .update();
        jdbc.sql("""
                        update import_jobs set status = 'SUCCEEDED', phase = null, rows_read = ?,
                            rows_imported = (select count(*) from %1$s where outcome = 'imported'),
                            rows_merged = (select count(*) from %1$s where outcome = 'merged'),
                            rows_rejected = (select count(*) from staged_rows where reason is not null),
                            bytes_read = bytes_total, finished_at = now(), heartbeat_at = now(),
                            future_dates = (%2$s)
                        where id = ?""".formatted(outcomes, DataQuality.FUTURE_DATES_IN_STAGED_ROWS))
                .params(rowsRead, job.id())
                .update();
        dataQuality.check(job.id());
    }

    private static String describe(RuntimeException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
        return message.lines().findFirst().orElse(message);
    }
}
