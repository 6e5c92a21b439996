package dev.retain.ingest;

import dev.retain.platform.AuditLog;
import dev.retain.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Watches every import, from a file or through the API: too many rejected rows, far fewer rows than the previous
 * import of the same source, or dates in the future raise an alert that stays visible until someone acknowledges it.
 * An alert is raised once per job and kind; API calls are watched as one job per source, kind and day.
 */
@Service
public class DataQuality {

    /** Rows of the staged import with a date in the future, counted while {@code staged_rows} exists. */
    static final String FUTURE_DATES_IN_STAGED_ROWS = """
            select count(*) from staged_rows where reason is null
            and greatest(ordered_at, occurred_at, signed_up_at) > now()""";

    private static final String NOT_YET_RAISED =
            " and not exists (select 1 from data_quality_alerts a where a.job_id = j.id and a.kind = ?)";

    private final JdbcClient jdbc;
    private final double maxRejectedShare;
    private final double minVolumeShare;

    DataQuality(
            JdbcClient jdbc,
            @Value("${retain.data-quality.max-rejected-share:0.05}") double maxRejectedShare,
            @Value("${retain.data-quality.min-volume-share:0.5}") double minVolumeShare) {
        this.jdbc = jdbc;
        this.maxRejectedShare = maxRejectedShare;
        this.minVolumeShare = minVolumeShare;
    }

    /** Checks a finished job's figures (in the job's own transaction) and records the alerts they raise. */
    void check(long jobId) {
        checkRejectedShare(jobId);
        checkVolume(jobId);
        checkFutureDates(jobId);
    }

    /**
     * Checks the account of a day of API calls after each call. The volume of a day is only known once it is over,
     * so the first call of a day checks the volume of the source's previous day.
     */
    void checkApiDay(long jobId) {
        checkRejectedShare(jobId);
        checkFutureDates(jobId);
        jdbc.sql("""
                        select p.id from import_jobs j join import_jobs p
                          on p.kind = j.kind and p.source = j.source and p.api_day < j.api_day
                        where j.id = ? order by p.api_day desc limit 1""").param(jobId).query(Long.class).optional().ifPresent(this::checkVolume);
    }

    private void checkRejectedShare(long jobId) {
        jdbc.sql("""
                        insert into data_quality_alerts (job_id, kind, message, created_at)
                        select j.id, 'REJECTED_SHARE',
                               j.rows_rejected || ' of ' || j.rows_read || ' rows were rejected ('
                               || round(100.0 * j.rows_rejected / j.rows_read, 1) || '%)', now()
                        from import_jobs j where j.id = ? and j.rows_read > 0 and j.rows_rejected > ? * j.rows_read""" + NOT_YET_RAISED)
                .params(jobId, maxRejectedShare, "REJECTED_SHARE")
                .update();
    }

    /** Compares a job with the previous one of its source and kind: file with file, API day with API day. */
    private void checkVolume(long jobId) {
        jdbc.sql("""
                        insert into data_quality_alerts (job_id, kind, message, created_at)
                        select j.id, 'LOW_VOLUME',
                               j.rows_read || ' rows, far fewer than the ' || p.rows_read
                               || ' of the previous import from ' || j.source, now()
                        from import_jobs j
                        join lateral (select rows_read from import_jobs p
                                      where p.source = j.source and p.kind = j.kind and p.status = 'SUCCEEDED'
                                        and (p.api_day is null) = (j.api_day is null)
                                        and p.id < j.id order by p.id desc limit 1) p on true
                        where j.id = ? and j.rows_read < ? * p.rows_read""" + NOT_YET_RAISED)
                .params(jobId, minVolumeShare, "LOW_VOLUME")
                .update();
    }

    private void checkFutureDates(long jobId) {
        jdbc.sql("""
                        insert into data_quality_alerts (job_id, kind, message, created_at)
                        select j.id, 'FUTURE_DATES', j.future_dates || ' rows have dates in the future', now()
                        from import_jobs j where j.id = ? and j.future_dates > 0""" + NOT_YET_RAISED).params(jobId, "FUTURE_DATES").update();
    }

    public List<DataQualityAlert> open() {
        return jdbc.sql("select id, job_id, kind, message, created_at from data_quality_alerts"
                        + " where acknowledged_at is null order by created_at desc limit 100")
                .query(DataQuality::map)
                .list();
    }

    public List<DataQualityAlert> ofJob(long jobId) {
        return jdbc.sql("select id, job_id, kind, message, created_at from data_quality_alerts where job_id = ?"
                        + " order by id")
                .param(jobId)
                .query(DataQuality::map)
                .list();
    }

    public void acknowledge(long alertId) {
        int updated = jdbc.sql("update data_quality_alerts set acknowledged_by = ?, acknowledged_at = now()"
                        + " where id = ? and acknowledged_at is null")
                .params(AuditLog.currentActor(), alertId)
                .update();
        if (updated == 0) {
            throw new NotFoundException("Open data-quality alert", alertId);
        }
    }

    private static DataQualityAlert map(ResultSet rs, int row) throws SQLException {
        return new DataQualityAlert(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
