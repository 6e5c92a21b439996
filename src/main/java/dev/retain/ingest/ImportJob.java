package dev.retain.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An import and its account: every row read is imported, merged into an existing record, or rejected, so
 * {@code rowsImported + rowsMerged + rowsRejected == rowsRead} once the job has succeeded.
 */
public record ImportJob(
        long id,
        ImportKind kind,
        String source,
        String fileName,
        Map<String, String> mapping,
        ImportOptions options,
        ImportStatus status,
        String phase,
        long rowsRead,
        long rowsImported,
        long rowsMerged,
        long rowsRejected,
        long bytesRead,
        long bytesTotal,
        String error,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    /** Rows read per second so far (or over the whole run once finished). */
    public double rowsPerSecond(Instant now) {
        if (startedAt == null) {
            return 0;
        }
        double seconds = Duration.between(startedAt, finishedAt != null ? finishedAt : now)
                        .toMillis()
                / 1000.0;
        return seconds <= 0 ? 0 : rowsRead / seconds;
    }

    /** Seconds left while reading, estimated from the bytes read so far; null when unknown. */
    public Long secondsLeft(Instant now) {
        if (status != ImportStatus.RUNNING || startedAt == null || bytesRead <= 0 || bytesTotal <= 0) {
            return null;
        }
        double elapsed = Duration.between(startedAt, now).toMillis() / 1000.0;
        return Math.round(elapsed * (bytesTotal - bytesRead) / bytesRead);
    }

    public double rejectedShare() {
        return rowsRead == 0 ? 0 : (double) rowsRejected / rowsRead;
    }
}
