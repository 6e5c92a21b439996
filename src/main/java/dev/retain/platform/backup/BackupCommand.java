package dev.retain.platform.backup;

import dev.retain.platform.CommandLineOptions;
import dev.retain.platform.DatabaseReachability;
import dev.retain.platform.database.DatabaseLogin;
import dev.retain.platform.database.EmbeddedPostgresServer;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./retain backup [--to FILE] [--include-keys]}: a backup of the database and the data directory's files into one
 * file, while the server runs or not. The embedded database of a running server is reached through its port and the
 * application role's password; when no server runs, this command starts the embedded database itself. With
 * {@code RETAIN_DB_URL} set, the external database is backed up. Exits 0 when written, 1 when it failed, 2 for wrong
 * arguments.
 */
public final class BackupCommand {

    static final String USAGE = "Usage: ./retain backup [--to FILE] [--include-keys]";
    private static final Set<String> OPTIONS = Set.of("to", "include-keys");

    private final BackupSettings settings;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    BackupCommand(BackupSettings settings, Clock clock, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Runs the command with the process's environment; returns its exit code. */
    public static int run(String[] args) {
        return new BackupCommand(
                        BackupSettings.fromEnvironment(System.getenv()), Clock.systemUTC(), System.out, System.err)
                .execute(args);
    }

    int execute(String[] args) {
        Map<String, String> options = CommandLineOptions.parse(args);
        if (!OPTIONS.containsAll(options.keySet())
                || "true".equals(options.get("to"))
                || options.containsKey("include-keys") && !"true".equals(options.get("include-keys"))
                || args.length > 0 && !args[0].startsWith("--")) {
            err.println(USAGE);
            return 2;
        }
        Path target = options.containsKey("to")
                ? Path.of(options.get("to"))
                : settings.folder().resolve(BackupNames.next(clock));
        boolean includeKeys = options.containsKey("include-keys");
        var files = new DataDirectoryFiles(settings.dataDirectory(), includeKeys, List.of(settings.folder()));
        try {
            BackupWriter.Result result = withDatabase(login -> {
                try (Connection connection = login.connect()) {
                    var written =
                            new BackupWriter(RetainVersion.current()).write(connection, files, target, clock.instant());
                    try {
                        audit(connection, written, "command line");
                    } catch (SQLException e) {
                        err.println("The backup is written, but it could not be recorded in the audit log: "
                                + e.getMessage());
                    }
                    return written;
                }
            });
            out.println(summary(result));
            if (includeKeys) {
                out.println(
                        "It holds the key files of " + settings.dataDirectory().resolve(DataDirectoryFiles.KEYS)
                                + ": keep it as safe as the keys themselves.");
            }
            return 0;
        } catch (FileAlreadyExistsException e) {
            err.println("Backup failed: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("Backup failed, no backup was written: " + e.getMessage());
            return 1;
        }
    }

    /** The database to back up: the external one, the running embedded one, or the embedded one started here. */
    private <T> T withDatabase(DatabaseWork<T> work) throws Exception {
        if (settings.external()) {
            String missing = DatabaseReachability.missingPassword(settings.dbUrl(), settings.dbPassword());
            if (missing != null) {
                throw new IllegalStateException(missing);
            }
            return work.run(new DatabaseLogin(settings.dbUrl(), settings.dbUser(), settings.dbPassword()));
        }
        Path pg = settings.dataDirectory().resolve("pg");
        var running = EmbeddedPostgresServer.runningElsewhere(pg);
        if (running.isPresent()) {
            return work.run(running.get());
        }
        if (!new java.io.File(pg.toFile(), "PG_VERSION").exists()) {
            throw new IllegalStateException(
                    "there is no database in " + pg + " (RETAIN_DATA_DIR=" + settings.dataDirectory() + ")");
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(pg, false);
        try {
            return work.run(server.applicationLogin());
        } finally {
            server.release();
        }
    }

    interface DatabaseWork<T> {
        T run(DatabaseLogin login) throws Exception;
    }

    static String summary(BackupWriter.Result result) {
        BackupManifest manifest = result.manifest();
        return "Backup written to " + result.file() + ": " + manifest.tables().size() + " tables, "
                + manifest.totalRows() + " rows, " + manifest.files().size() + " files, "
                + String.format("%.1f MB", result.bytes() / 1_048_576.0) + " (schema version "
                + manifest.schemaVersion() + ", SHA-256 " + result.sha256() + ")";
    }

    /**
     * Records the backup in the audit log of the database it came from, after the backup (so the entry names its
     * checksum); written here in SQL as {@code AuditLog} does, because this command runs without the application.
     */
    static void audit(Connection connection, BackupWriter.Result result, String via) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select audit_create_partition((now() at time zone 'UTC')::date)");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into audit_log (at, actor, action, entity_type, entity_id, after)
                values (now(), 'system', 'create', 'backup', ?, ?::jsonb)""")) {
            insert.setString(1, result.file().getFileName().toString());
            insert.setString(2, JsonMapper.builder().build().writeValueAsString(details(result, via)));
            insert.execute();
        }
    }

    /** What the audit log keeps of a backup: where it is, its checksum, and what it holds. */
    static Map<String, Object> details(BackupWriter.Result result, String via) {
        BackupManifest manifest = result.manifest();
        return new TreeMap<>(Map.of(
                "file", result.file().toString(),
                "bytes", result.bytes(),
                "sha256", result.sha256(),
                "schemaVersion", manifest.schemaVersion(),
                "tables", manifest.tables().size(),
                "rows", manifest.totalRows(),
                "files", manifest.files().size(),
                "includesKeys", manifest.includesKeys(),
                "via", via));
    }
}
