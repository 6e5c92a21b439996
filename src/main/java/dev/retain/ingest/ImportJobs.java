package dev.retain.ingest;

import dev.retain.customers.CustomerImport;
import dev.retain.ingest.files.ReadLimits;
import dev.retain.ingest.files.TableReader;
import dev.retain.platform.AuditLog;
import dev.retain.platform.CsvWriter;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Import jobs: submitted with a file and a column mapping, queued durably in the database, run by a worker (or at
 * once from the command line), and answerable afterwards: the account of every row and the rejected rows as CSV.
 */
@Service
public class ImportJobs {

    private static final String COLUMNS = """
            id, kind, source, file_name, mapping::text, options::text, status, phase, rows_read, rows_imported,
            rows_merged, rows_rejected, bytes_read, bytes_total, error, created_by, created_at, started_at,
            finished_at""";
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;
    private final ImportRun run;
    private final ReadLimits limits;
    private final Path uploads;

    ImportJobs(
            JdbcClient jdbc,
            ObjectMapper json,
            AuditLog audit,
            Clock clock,
            ImportRun run,
            ReadLimits limits,
            @Value("${retain.data-dir}") Path dataDirectory) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
        this.run = run;
        this.limits = limits;
        this.uploads = dataDirectory.resolve("imports");
    }

    /** What an import is asked to do. {@code source} names the system the data comes from ("erp", "shop"). */
    public record ImportRequest(
            ImportKind kind, String source, String fileName, Map<String, String> mapping, ImportOptions options) {}

    /**
     * Keeps the file and queues the job. The mapping is checked against the file's header row here, so a wrong
     * mapping is refused at once rather than failing later. Without a mapping, the one the headers suggest is used.
     */
    public ImportJob submit(ImportRequest request, InputStream content) {
        return submit(request, content, false);
    }

    /**
     * The same; with {@code suggestUnmapped}, the fields the request's mapping leaves out are mapped as the headers
     * suggest, as the command line does.
     */
    public ImportJob submit(ImportRequest request, InputStream content, boolean suggestUnmapped) {
        validate(request);
        Path file = store(request.fileName(), content);
        List<String> headers;
        Map<String, String> mapping;
        try (TableReader reader = limits.open(file)) {
            headers = reader.headers();
            Map<String, String> given = request.mapping() == null ? Map.of() : request.mapping();
            mapping = suggestUnmapped || given.isEmpty()
                    ? ImportPreview.suggestAround(request.kind(), headers, given)
                    : given;
            ColumnMapping.of(request.kind(), mapping, headers);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new InvalidInputException("file", e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        long id = jdbc.sql("""
                        insert into import_jobs (kind, source, file_name, file_path, headers, mapping, options, status,
                                                 bytes_total, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 'QUEUED', ?, ?, ?) returning id""")
                .params(
                        request.kind().name(),
                        request.source(),
                        request.fileName(),
                        file.toString(),
                        headers.toArray(String[]::new),
                        json.writeValueAsString(mapping),
                        json.writeValueAsString(request.options()),
                        sizeOf(file),
                        AuditLog.currentActor(),
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        ImportJob job = find(id);
        audit.record("create", "import_job", id, null, job);
        return job;
    }

    public ImportJob find(long id) {
        return jdbc.sql("select " + COLUMNS + " from import_jobs where id = ?")
                .param(id)
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("Import job", id));
    }

    public PageOf<ImportJob> list(int page, int size) {
        long total =
                jdbc.sql("select count(*) from import_jobs").query(Long.class).single();
        List<ImportJob> items = jdbc.sql("select " + COLUMNS + " from import_jobs order by id desc limit ? offset ?")
                .params(size, (long) page * size)
                .query(this::map)
                .list();
        return new PageOf<>(items, page, size, total);
    }

    /** Asks a queued or running job to stop; a running job rolls back everything it did. */
    public ImportJob cancel(long id) {
        find(id);
        jdbc.sql("""
                        update import_jobs set cancel_requested = true,
                            status = case when status = 'QUEUED' then 'CANCELLED' else status end,
                            finished_at = case when status = 'QUEUED' then now() else finished_at end
                        where id = ?""").param(id).update();
        return find(id);
    }

    /**
     * Runs the job here and now if it is still queued (the command line does this); if a worker got to it first, waits
     * until it has finished.
     */
    public ImportJob runNow(long id) {
        if (claim(id)) {
            execute(find(id));
        }
        ImportJob job = find(id);
        while (!job.status().finished()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
            job = find(id);
        }
        return job;
    }

    /** Claims the oldest queued job, if any, skipping jobs other instances are claiming. */
    boolean claimNext(LongConsumer runner) {
        List<Long> claimed = jdbc.sql("""
                        update import_jobs set status = 'RUNNING', started_at = now(), heartbeat_at = now(),
                            phase = 'reading'
                        where id = (select id from import_jobs where status = 'QUEUED' order by id
                                    for update skip locked limit 1)
                        returning id""").query(Long.class).list();
        claimed.forEach(runner::accept);
        return !claimed.isEmpty();
    }

    void execute(ImportJob job) {
        Path file = Path.of(jdbc.sql("select file_path from import_jobs where id = ?")
                .param(job.id())
                .query(String.class)
                .single());
        try {
            run.run(job, file);
        } finally {
            deleteQuietly(file);
        }
    }

    /** Jobs whose runner stopped sending heartbeats (the server died) are failed; their data was never committed. */
    int failAbandoned(Duration silence) {
        return jdbc.sql("""
                        update import_jobs set status = 'FAILED', finished_at = now(), phase = null,
                            error = 'interrupted: the server running it stopped; nothing of this import was committed'
                        where status = 'RUNNING' and heartbeat_at < ?""")
                .param(Timestamp.from(clock.instant().minus(silence)))
                .update();
    }

    /** The rejected rows counted by reason, most frequent first (the 20 most frequent). */
    public List<RejectionReason> rejectionsByReason(long id) {
        return jdbc.sql("""
                        select reason, count(*) from import_rejections where job_id = ?
                        group by reason order by count(*) desc, reason limit 20""")
                .param(id)
                .query((rs, row) -> new RejectionReason(rs.getString(1), rs.getLong(2)))
                .list();
    }

    /**
     * Writes the rejected rows as CSV for Excel: the file's own columns, then the reason. Streams the stored rows, so
     * a million rejections need no more memory than one.
     */
    public void writeRejectedCsv(long id, OutputStream stream) {
        find(id);
        audit.recordExport("import_job", id, Map.of("format", "csv", "what", "rejected rows"));
        List<String> headers = List.of(jdbc.sql("select headers from import_jobs where id = ?")
                .param(id)
                .query((rs, row) -> (String[]) rs.getArray(1).getArray())
                .single());
        CsvWriter csv = CsvWriter.forExcel(stream);
        csv.row(concat(headers, "reason"));
        jdbc.sql("select original, reason from import_rejections where job_id = ? order by row_number")
                .param(id)
                .query(rs -> {
                    csv.row(concat(List.of((String[]) rs.getArray(1).getArray()), rs.getString(2)));
                });
        csv.flush();
    }

    private static List<String> concat(List<String> values, String last) {
        var all = new ArrayList<String>(values);
        all.add(last);
        return all;
    }

    private Path store(String fileName, InputStream content) {
        try {
            Files.createDirectories(uploads);
            String safeName = Path.of(fileName).getFileName().toString().replaceAll("[^\\p{L}\\p{N}._-]", "_");
            Path file = uploads.resolve(UUID.randomUUID() + "-" + safeName);
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the uploaded file in " + uploads, e);
        }
    }

    private boolean claim(long id) {
        return jdbc.sql("""
                        update import_jobs set status = 'RUNNING', started_at = now(), heartbeat_at = now(),
                            phase = 'reading'
                        where id = ? and status = 'QUEUED'""").param(id).update() == 1;
    }

    private static void validate(ImportRequest request) {
        if (request.kind() == null) {
            throw new InvalidInputException("kind", "one of CUSTOMERS, ORDERS, EVENTS");
        }
        if (request.source() == null
                || !request.source().matches("[a-z][a-z0-9_]{0,39}")
                || CustomerImport.RESERVED_KINDS.contains(request.source())) {
            throw new InvalidInputException(
                    "source", "a source system name: lower-case letters, digits and _, e.g. 'erp' or 'shop'");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover upload is harmless; the next cleanup of the folder removes it
        }
    }

    private ImportJob map(ResultSet rs, int row) throws SQLException {
        return new ImportJob(
                rs.getLong("id"),
                ImportKind.valueOf(rs.getString("kind")),
                rs.getString("source"),
                rs.getString("file_name"),
                json.readValue(rs.getString("mapping"), STRING_MAP),
                json.readValue(rs.getString("options"), ImportOptions.class),
                ImportStatus.valueOf(rs.getString("status")),
                rs.getString("phase"),
                rs.getLong("rows_read"),
                rs.getLong("rows_imported"),
                rs.getLong("rows_merged"),
                rs.getLong("rows_rejected"),
                rs.getLong("bytes_read"),
                rs.getLong("bytes_total"),
                rs.getString("error"),
                rs.getString("created_by"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
