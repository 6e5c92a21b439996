package dev.retain.platform.backup;

import dev.retain.platform.DatabaseReachability;
import dev.retain.platform.database.DatabaseLogin;
import dev.retain.platform.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * {@code ./retain restore FILE [--data-dir DIR]}: restores a backup into an empty data directory (the embedded database
 * is created in it) or, with {@code RETAIN_DB_URL} set, into an empty external database. The backup is checked whole
 * first; then the schema is migrated to the backup's version, the tables are loaded and compared with the backup, and
 * the files are put back. Refuses a damaged backup, a backup of a newer Retain, and a target that holds anything.
 * Exits 0 when restored, 1 when refused or failed, 2 for wrong arguments.
 */
public final class RestoreCommand {

    static final String USAGE = "Usage: ./retain restore FILE [--data-dir DIR]";
    private static final String MIGRATIONS = "classpath:db/migration";

    private final BackupSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private boolean migrated;

    RestoreCommand(BackupSettings settings, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    public static int run(String[] args) {
        return new RestoreCommand(BackupSettings.fromEnvironment(System.getenv()), System.out, System.err)
                .execute(args);
    }

    int execute(String[] args) {
        List<String> words = Stream.of(args).toList();
        Map<String, String> options = dev.retain.platform.CommandLineOptions.parse(args);
        List<String> files = words.stream()
                .filter(word -> !word.startsWith("--") && !word.equals(options.get("data-dir")))
                .toList();
        if (files.size() != 1
                || !Set.of("data-dir").containsAll(options.keySet())
                || "true".equals(options.get("data-dir"))) {
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(files.get(0));
        Path dataDirectory =
                options.containsKey("data-dir") ? Path.of(options.get("data-dir")) : settings.dataDirectory();
        try {
            return restore(file, dataDirectory.toAbsolutePath().normalize());
        } catch (BackupRefusedException e) {
            err.println("Restore refused: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("Restore failed: " + e.getMessage());
            return 1;
        }
    }

    private int restore(Path file, Path dataDirectory) throws Exception {
        try (BackupArchive archive = BackupArchive.open(file)) {
            BackupManifest manifest = archive.manifest();
            requireKnownVersion(manifest.schemaVersion());
            requireEmpty(dataDirectory);
            boolean created = !Files.exists(dataDirectory);
            try {
                DatabaseRestore.Loaded loaded;
                if (settings.external()) {
                    String missing = DatabaseReachability.missingPassword(settings.dbUrl(), settings.dbPassword());
                    if (missing != null) {
                        throw new IllegalStateException(missing);
                    }
                    loaded = restoreInto(
                            new DatabaseLogin(settings.dbUrl(), settings.dbUser(), settings.dbPassword()), archive);
                } else {
                    Files.createDirectories(dataDirectory);
                    EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dataDirectory.resolve("pg"), false);
                    try {
                        loaded = restoreInto(server.applicationLogin(), archive);
                    } finally {
                        server.release();
                    }
                }
                int restoredFiles = restoreFiles(archive, dataDirectory);
                out.println("Restored " + file + " (taken " + manifest.createdAt() + ", schema version "
                        + manifest.schemaVersion() + ") into "
                        + (settings.external() ? settings.dbUrl() + " and " : "") + dataDirectory + ": "
                        + loaded.tables() + " tables, " + loaded.rows() + " rows, " + restoredFiles
                        + " files; every table's row count and checksum match the backup.");
                if (!settings.external()) {
                    out.println("Start Retain on it with RETAIN_DATA_DIR=" + dataDirectory + " ./retain serve");
                }
                return 0;
            } catch (Exception e) {
                if (!settings.external()) {
                    deleteContents(dataDirectory, created);
                } else if (migrated) {
                    err.println("The database at " + settings.dbUrl() + " may now hold Retain's empty schema: drop"
                            + " and create it again before another restore.");
                }
                throw e;
            }
        }
    }

    private DatabaseRestore.Loaded restoreInto(DatabaseLogin login, BackupArchive archive) throws Exception {
        try (Connection connection = login.connect()) {
            if (!new DatabaseCatalog(connection).empty()) {
                throw new BackupRefusedException("The database at " + login.url()
                        + " is not empty: a backup is restored only into an empty database. Nothing was restored.");
            }
        }
        migrated = true;
        Flyway.configure()
                .dataSource(login.url(), login.user(), login.password())
                .locations(MIGRATIONS)
                .target(MigrationVersion.fromVersion(archive.manifest().schemaVersion()))
                .load()
                .migrate();
        try (Connection connection = login.connect()) {
            DatabaseRestore.Loaded loaded = DatabaseRestore.load(connection, archive);
            // statistics now, so the first queries are not planned as if the tables were empty
            connection.createStatement().execute("analyze");
            return loaded;
        }
    }

    /** A backup made by a newer Retain has tables this one does not know how to make. */
    private static void requireKnownVersion(String version) throws IOException {
        MigrationVersion newest = Stream.of(
                        new PathMatchingResourcePatternResolver().getResources(MIGRATIONS + "/V*__*.sql"))
                .map(Resource::getFilename)
                .map(name -> MigrationVersion.fromVersion(
                        name.substring(1, name.indexOf("__")).replace('_', '.')))
                .max(Comparator.naturalOrder())
                .orElse(MigrationVersion.EMPTY);
        if (MigrationVersion.fromVersion(version).compareTo(newest) > 0) {
            throw new BackupRefusedException("The backup's schema version " + version
                    + " is newer than this Retain's (" + newest + "): restore it with the Retain that made it, or a"
                    + " newer one.");
        }
    }

    private static void requireEmpty(Path dataDirectory) throws IOException {
        if (!Files.exists(dataDirectory)) {
            return;
        }
        if (!Files.isDirectory(dataDirectory)) {
            throw new BackupRefusedException(dataDirectory + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            if (entries.findAny().isPresent()) {
                throw new BackupRefusedException("The data directory " + dataDirectory + " is not empty: a backup is"
                        + " restored only into an empty one (choose another with --data-dir, or move this one"
                        + " away). Nothing was restored.");
            }
        }
    }

    private static int restoreFiles(BackupArchive archive, Path dataDirectory) throws IOException {
        int count = 0;
        for (BackupManifest.DataFile dataFile : archive.manifest().files()) {
            Path target = DataDirectoryFiles.restoredPath(dataDirectory, dataFile.path());
            Files.createDirectories(target.getParent());
            // owner only, as key files must be; the zip keeps no permissions
            Files.deleteIfExists(target);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(
                        target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(target);
            }
            try (InputStream in = archive.file(dataFile);
                    var out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
            count++;
        }
        return count;
    }

    /** Leaves the data directory as empty as it was (or gone, if this restore created it). */
    private static void deleteContents(Path dataDirectory, boolean created) throws IOException {
        if (!Files.exists(dataDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (created || !path.equals(dataDirectory)) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
