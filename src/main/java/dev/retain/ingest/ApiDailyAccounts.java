package dev.retain.ingest;

import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The account of what other systems sent through the bulk and sync APIs: one import job per source, kind and day (in
 * the company's time zone), whose figures each call adds to, watched by {@link DataQuality} like a file import.
 */
@Component
class ApiDailyAccounts {

    /** What one call brought: records sent, created, merged or updated, rejected, and dated in the future. */
    record CallFigures(long read, long created, long merged, long rejected, long futureDates) {}

    private final JdbcClient jdbc;
    private final DataQuality dataQuality;
    private final Clock clock;
    private final CompanyZone zone;
    private final ObjectMapper json;

    ApiDailyAccounts(JdbcClient jdbc, DataQuality dataQuality, Clock clock, CompanyZone zone, ObjectMapper json) {
        this.jdbc = jdbc;
        this.dataQuality = dataQuality;
        this.clock = clock;
        this.zone = zone;
        this.json = json;
    }

    /** Adds a call's figures to its day, in the caller's transaction, and raises the alerts they call for. */
    void add(ImportKind kind, String source, CallFigures call) {
        LocalDate day = zone.today(clock);
        Timestamp now = Timestamp.from(clock.instant());
        long jobId = jdbc.sql("""
                        insert into import_jobs (kind, source, file_name, file_path, mapping, options, status,
                                                 rows_read, rows_imported, rows_merged, rows_rejected, future_dates,
                                                 created_by, created_at, started_at, finished_at, api_day)
                        values (?, ?, ?, '', '{}'::jsonb, ?::jsonb, 'SUCCEEDED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (kind, source, api_day) where api_day is not null do update set
                            rows_read = import_jobs.rows_read + excluded.rows_read,
                            rows_imported = import_jobs.rows_imported + excluded.rows_imported,
                            rows_merged = import_jobs.rows_merged + excluded.rows_merged,
                            rows_rejected = import_jobs.rows_rejected + excluded.rows_rejected,
                            future_dates = import_jobs.future_dates + excluded.future_dates,
                            finished_at = excluded.finished_at
                        returning id""")
                .params(
                        kind.name(),
                        source,
                        "API " + kind.name().toLowerCase(Locale.ROOT) + " " + day,
                        json.writeValueAsString(ImportOptions.defaults()),
                        call.read(),
                        call.created(),
                        call.merged(),
                        call.rejected(),
                        call.futureDates(),
                        AuditLog.currentActor(),
                        now,
                        now,
                        now,
                        Date.valueOf(day))
                .query(Long.class)
                .single();
        dataQuality.checkApiDay(jobId);
    }
}
