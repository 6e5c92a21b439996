package dev.retain.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.retain.demo.DemoCompanyTest;
import dev.retain.platform.database.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Backups of the running demo company, taken by {@code ./retain backup} in a process of its own beside the server, and
 * restored by {@code ./retain restore} into a new data directory with a second embedded server.
 */
@DemoCompanyTest
class BackupRestoreTests {

    private static final Path WORK = Path.of("target/backup-tests").toAbsolutePath();

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Value("${retain.data-dir}")
    Path dataDirectory;

    @Value("${retain.backup.folder}")
    Path backupFolder;

    @BeforeAll
    static void cleanWork() throws IOException {
        delete(WORK);
        Files.createDirectories(WORK);
    }

    @Test
    void aBackupOfTheRunningServerRestoresElsewhereWithEveryTableAlike() throws Exception {
        Path upload = dataDirectory.resolve("imports/pending/backup-test-upload");
        Files.createDirectories(upload.getParent());
        Files.writeString(upload, "name,email\n王芳,wang@example.com\n");
        Path key = dataDirectory.resolve("keys/backup-test.key");
        Files.createDirectories(key.getParent());
        Files.writeString(key, "not to be taken along");
        Path backup = WORK.resolve("running.zip");
        Path restored = WORK.resolve("restored-data");

        Map<String, String> source;
        Process backingUp;
        try (Connection frozen = dataSource.getConnection()) {
            // the tables as they are while the backup runs: no one may write until it has its snapshot
            frozen.setAutoCommit(false);
            frozen.createStatement().execute("set transaction isolation level repeatable read");
            frozen.createStatement().execute("set local timezone = 'UTC'");
            frozen.createStatement()
                    .execute("lock table " + DatabaseCatalog.quoteAll(new DatabaseCatalog(frozen).tables())
                            + " in share mode");
            source = tables(frozen);
            backingUp = retain(WORK.resolve("backup.log"), Map.of(), "backup", "--to", backup.toString());
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.exists(backup) || !backingUp.isAlive());
            frozen.rollback();
        }
        assertThat(backingUp.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(WORK.resolve("backup.log")))
                .contains("Backup written to " + backup + ": " + source.size() + " tables");
        assertThat(backingUp.exitValue()).isZero();

        Process restoring = retain(
                WORK.resolve("restore.log"), Map.of(), "restore", backup.toString(), "--data-dir", restored.toString());
        assertThat(restoring.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(WORK.resolve("restore.log")))
                .contains("every table's row count and checksum match the backup");
        assertThat(restoring.exitValue()).isZero();

        var server = EmbeddedPostgresServer.acquire(restored.resolve("pg"), false);
        try (Connection copy = server.applicationLogin().connect()) {
            copy.setAutoCommit(false);
            copy.createStatement().execute("set local timezone = 'UTC'");
            assertThat(tables(copy)).isEqualTo(source);
            assertThat(source.get("customers")).doesNotStartWith("0 ");
            assertThat(source.get("audit_log")).doesNotStartWith("0 ");
        } finally {
            server.release();
        }
        assertThat(restored.resolve("imports/pending/backup-test-upload")).hasSameTextualContentAs(upload);
        assertThat(Files.getPosixFilePermissions(restored.resolve("imports/pending/backup-test-upload")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(restored.resolve("keys")).doesNotExist();
        Files.delete(key);
        assertThat(jdbc.sql("select after ->> 'sha256' from audit_log where entity_type = 'backup' and entity_id = ?")
                        .param("running.zip")
                        .query(String.class)
                        .single())
                .hasSize(64);
        Files.delete(upload);
    }

    @Test
    void keyFilesGoAlongOnlyWhenAsked() throws Exception {
        Path key = dataDirectory.resolve("keys/asked.key");
        Files.createDirectories(key.getParent());
        Files.writeString(key, "a key");
        var out = new java.io.ByteArrayOutputStream();
        var command = new BackupCommand(
                BackupSettings.fromEnvironment(Map.of("RETAIN_DATA_DIR", dataDirectory.toString())),
                Clock.systemUTC(),
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(command.execute(
                        new String[] {"--to", WORK.resolve("with-keys.zip").toString(), "--include-keys"}))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("keep it as safe as the keys themselves");
        try (var archive = BackupArchive.open(WORK.resolve("with-keys.zip"))) {
            assertThat(archive.manifest().includesKeys()).isTrue();
            assertThat(archive.manifest().files())
                    .extracting(BackupManifest.DataFile::path)
                    .contains("keys/asked.key");
        }
        assertThat(command.execute(
                        new String[] {"--to", WORK.resolve("with-keys.zip").toString()}))
                .as("not over an existing file")
                .isOne();
        assertThat(command.execute(new String[] {"--include-keys", "extra"})).isEqualTo(2);
        Files.delete(key);
    }

    @Test
    void aBackupKilledMidwayLeavesNoFileAtItsName() throws Exception {
        Path backup = WORK.resolve("killed.zip");
        List<String> tables;
        try (Connection connection = dataSource.getConnection()) {
            var catalog = new DatabaseCatalog(connection);
            tables = new ArrayList<>(catalog.tables());
            tables.removeAll(catalog.partitionedTables());
        }
        String last = tables.get(tables.size() - 1);
        Process backingUp;
        try (Connection blocking = dataSource.getConnection()) {
            // the backup writes the tables before this one, then waits for it
            blocking.setAutoCommit(false);
            blocking.createStatement()
                    .execute("lock table " + DatabaseCatalog.quote(last) + " in access exclusive mode");
            backingUp = retain(WORK.resolve("killed.log"), Map.of(), "backup", "--to", backup.toString());
            await().atMost(Duration.ofMinutes(2)).until(() -> waitingBackups() == 1 || !backingUp.isAlive());
            assertThat(backingUp.isAlive())
                    .as(() -> log(WORK.resolve("killed.log")))
                    .isTrue();
            assertThat(partials(WORK)).hasSize(1);
            assertThat(Files.size(partials(WORK).get(0))).isPositive();
            backingUp.destroyForcibly();
            backingUp.waitFor();
            blocking.rollback();
        }
        assertThat(backup).doesNotExist();
        Path partial = partials(WORK).get(0);

        var refused = new RestoreCommand(
                BackupSettings.fromEnvironment(
                        Map.of("RETAIN_DATA_DIR", WORK.resolve("never").toString())),
                System.out,
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        assertThat(refused.execute(new String[] {partial.toString()})).isOne();
        assertThat(WORK.resolve("never")).doesNotExist();
        Files.delete(partial);
    }

    @Test
    void aTruncatedOrAlteredBackupIsRefusedBeforeAnythingIsRestored() throws Exception {
        Path backup = WORK.resolve("to-damage.zip");
        try (Connection connection = dataSource.getConnection()) {
            new BackupWriter("test")
                    .write(
                            connection,
                            new DataDirectoryFiles(dataDirectory, false, List.of()),
                            backup,
                            Clock.systemUTC().instant());
        }

        Path truncated = WORK.resolve("truncated.zip");
        byte[] whole = Files.readAllBytes(backup);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        assertThat(restore(truncated, WORK.resolve("target-1")))
                .startsWith("Restore refused: The backup " + truncated + " is incomplete or damaged");
        assertThat(WORK.resolve("target-1")).doesNotExist();

        Path altered = WORK.resolve("altered.zip");
        Files.copy(backup, altered);
        long offset = entryOffset(altered, "tables/customers.copy");
        try (var file = new RandomAccessFile(altered.toFile(), "rw")) {
            file.seek(offset + 100);
            int b = file.read();
            file.seek(offset + 100);
            file.write(b ^ 0x55);
        }
        assertThat(restore(altered, WORK.resolve("target-2")))
                .startsWith(
                        "Restore refused: The backup " + altered + " is damaged or was altered: tables/customers.copy");
        assertThat(WORK.resolve("target-2")).doesNotExist();

        Path notABackup = WORK.resolve("not-a-backup.zip");
        Files.writeString(notABackup, "hello");
        assertThat(restore(notABackup, WORK.resolve("target-3"))).contains("is incomplete or damaged");
    }

    @Test
    void aBackupIsRestoredOnlyIntoAnEmptyDataDirectoryAndAnEmptyDatabase() throws Exception {
        Path backup = WORK.resolve("for-refusals.zip");
        try (Connection connection = dataSource.getConnection()) {
            new BackupWriter("test")
                    .write(
                            connection,
                            new DataDirectoryFiles(dataDirectory, false, List.of()),
                            backup,
                            Clock.systemUTC().instant());
        }
        long customers = customers();

        assertThat(restore(backup, dataDirectory))
                .startsWith("Restore refused: The data directory "
                        + dataDirectory.toAbsolutePath().normalize() + " is not empty");

        var pool = dataSource.unwrap(HikariDataSource.class);
        var err = new java.io.ByteArrayOutputStream();
        int code = new RestoreCommand(
                        new BackupSettings(
                                WORK.resolve("unused"),
                                WORK,
                                pool.getJdbcUrl(),
                                pool.getUsername(),
                                pool.getPassword()),
                        System.out,
                        new java.io.PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(new String[] {
                    backup.toString(), "--data-dir", WORK.resolve("files-only").toString()
                });
        assertThat(code).isOne();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Restore refused: The database at " + pool.getJdbcUrl() + " is not empty");
        assertThat(customers()).isEqualTo(customers);
    }

    @Test
    void theScheduledBackupRunsAsAJobAndKeepsOnlyTheNewest() throws Exception {
        delete(backupFolder);
        Files.createDirectories(backupFolder);
        for (int day = 1; day <= 8; day++) {
            Files.writeString(backupFolder.resolve("retain-backup-202001%02d-033000.zip".formatted(day)), "old");
        }
        Path othersFile = backupFolder.resolve("keep-me.zip");
        Files.writeString(othersFile, "not a backup of ours");
        long runs = succeededRuns();

        jdbc.sql("update scheduled_tasks set execution_time = now() where task_name = ?")
                .param(ScheduledBackups.JOB)
                .update();
        await().atMost(Duration.ofMinutes(2)).until(() -> succeededRuns() > runs || failedRun() != null);
        assertThat(failedRun()).isNull();

        List<String> names;
        try (Stream<Path> files = Files.list(backupFolder)) {
            names = files.map(file -> file.getFileName().toString()).sorted().toList();
        }
        assertThat(names).contains("keep-me.zip").hasSize(8);
        assertThat(names).doesNotContain("retain-backup-20200101-033000.zip", "retain-backup-20200102-033000.zip");
        String newest = names.get(names.size() - 1);
        assertThat(newest).matches("retain-backup-\\d{8}-\\d{6}\\.zip").isGreaterThan("retain-backup-2020");
        try (var archive = BackupArchive.open(backupFolder.resolve(newest))) {
            assertThat(archive.manifest().tables())
                    .extracting(BackupManifest.Table::name)
                    .contains("customers");
        }
    }

    private long succeededRuns() {
        return jdbc.sql("select count(*) from scheduled_job_runs where job = ? and outcome = 'SUCCEEDED'")
                .param(ScheduledBackups.JOB)
                .query(Long.class)
                .single();
    }

    private String failedRun() {
        return jdbc.sql("select error from scheduled_job_runs where job = ? and outcome = 'FAILED' limit 1")
                .param(ScheduledBackups.JOB)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private long customers() {
        return jdbc.sql("select count(*) from customers").query(Long.class).single();
    }

    private long waitingBackups() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where application_name = 'retain backup' and wait_event_type = 'Lock'""").query(Long.class).single();
    }

    /** Every table's row count and a checksum of its rows, whatever their order. */
    private static Map<String, String> tables(Connection connection) throws SQLException {
        var tables = new TreeMap<String, String>();
        for (String table : new DatabaseCatalog(connection).tables()) {
            try (var result = connection
                    .createStatement()
                    .executeQuery("select count(*) || ' ' || md5(coalesce(string_agg(md5(t::text), ''"
                            + " order by md5(t::text)), '')) from " + DatabaseCatalog.quote(table) + " t")) {
                result.next();
                tables.put(table, result.getString(1));
            }
        }
        return tables;
    }

    private String restore(Path backup, Path into) {
        var err = new java.io.ByteArrayOutputStream();
        int code = new RestoreCommand(
                        BackupSettings.fromEnvironment(Map.of("RETAIN_DATA_DIR", into.toString())),
                        System.out,
                        new java.io.PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(new String[] {backup.toString()});
        assertThat(code).isOne();
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Where the (compressed) data of an entry starts in the zip file. */
    private static long entryOffset(Path zip, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        byte[] header = name.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 30; i < bytes.length - header.length; i++) {
            for (int j = 0; j < header.length; j++) {
                if (bytes[i + j] != header[j]) {
                    continue outer;
                }
            }
            // a local header: signature 30 bytes before the name; its extra field follows the name
            int extra = (bytes[i - 2] & 0xff) | (bytes[i - 1] & 0xff) << 8;
            return i + header.length + extra;
        }
        throw new IllegalStateException(name + " not found in " + zip);
    }

    private static String log(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<Path> partials(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(BackupWriter::isPartial).toList();
        }
    }

    private Process retain(Path log, Map<String, String> environment, String... args) throws IOException {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.retain.RetainApplication"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("RETAIN_DB_URL");
        builder.environment()
                .put("RETAIN_DATA_DIR", dataDirectory.toAbsolutePath().toString());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
