package dev.retain.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL per data directory and JVM, shared by every application context that asks for it
 * (tests start several contexts) and stopped when the last one releases it.
 *
 * <p>Every connection needs a password ({@code scram-sha-256}); the passwords are generated at the first start and kept
 * in {@link DatabasePasswords#FILE_NAME} next to the database's files. The application connects as the role
 * {@code retain}, which owns the schema; the superuser only prepares the server at each start ({@link DatabaseRoles}).
 */
public final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> running = new HashMap<>();

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private final DatabasePasswords passwords;
    private int users;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres, DatabasePasswords passwords) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
        this.passwords = passwords;
    }

    /**
     * The server with its files in {@code dataDirectory}, started (and on the first start initialised) unless this
     * JVM runs it already; {@link #release()} it when done.
     */
    public static synchronized EmbeddedPostgresServer acquire(Path dataDirectory, boolean cleanStart) {
        Path key = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = running.get(key);
        if (server == null) {
            requirePasswordsOfAnInitialisedServer(key, cleanStart);
            DatabasePasswords passwords = DatabasePasswords.forServer(key);
            server = new EmbeddedPostgresServer(key, start(key, cleanStart, passwords), passwords);
            running.put(key, server);
        }
        server.users++;
        return server;
    }

    /** New passwords would not open a server initialised with others: say so, and how to get in again. */
    private static void requirePasswordsOfAnInitialisedServer(Path dataDirectory, boolean cleanStart) {
        try {
            if (!cleanStart
                    && Files.exists(dataDirectory.resolve("postgresql.conf"))
                    && !Files.exists(DatabasePasswords.fileOf(dataDirectory))
                    && !DatabaseRoles.trustsConnections(dataDirectory)) {
                throw new IllegalStateException("The embedded database in " + dataDirectory
                        + " asks for passwords, but their file " + DatabasePasswords.fileOf(dataDirectory)
                        + " is missing. Put it back; or, to set new ones, change scram-sha-256 to trust in "
                        + dataDirectory.resolve("pg_hba.conf") + " and start again.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How to reach the server with its files in {@code dataDirectory} that another running Retain process started,
     * as the application's role; empty when no live process runs it.
     */
    public static Optional<DatabaseLogin> runningElsewhere(Path dataDirectory) throws IOException {
        Path pg = dataDirectory.toAbsolutePath().normalize();
        if (!StalePostmaster.inUse(pg)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pg.resolve("postmaster.pid"));
        if (lines.size() < 4 || !lines.get(3).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseLogin(
                url(Integer.parseInt(lines.get(3).strip())),
                DatabaseRoles.APPLICATION_ROLE,
                DatabasePasswords.existing(pg).application()));
    }

    String jdbcUrl() {
        return url(postgres.getPort());
    }

    /** The application's own role: owns the schema, no superuser. */
    public DatabaseLogin applicationLogin() {
        return new DatabaseLogin(jdbcUrl(), DatabaseRoles.APPLICATION_ROLE, passwords.application());
    }

    DatabaseLogin superuserLogin() {
        return new DatabaseLogin(jdbcUrl(), DatabaseRoles.SUPERUSER, passwords.superuser());
    }

    private static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public synchronized void release() {
        if (--users > 0) {
            return;
        }
        synchronized (EmbeddedPostgresServer.class) {
            running.remove(dataDirectory);
        }
        try {
            postgres.close();
            StalePostmaster.release(dataDirectory);
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private static EmbeddedPostgres start(Path dataDirectory, boolean cleanStart, DatabasePasswords passwords) {
        Path initdbPasswordFile = null;
        try {
            Files.createDirectories(dataDirectory);
            StalePostmaster.stopIfRunning(dataDirectory);
            Path work = dataDirectory.resolveSibling("pg-runtime");
            Files.createDirectories(work);
            log.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
            var builder = EmbeddedPostgres.builder();
            if (cleanStart || !Files.exists(dataDirectory.resolve("postgresql.conf"))) {
                // passed to initdb after its own "-A trust", so these win: passwords from the first moment on
                initdbPasswordFile = passwords.writeSuperuserPasswordFile(work);
                builder.setLocaleConfig("auth", "scram-sha-256")
                        .setLocaleConfig("pwfile", initdbPasswordFile.toString());
            }
            EmbeddedPostgres postgres = builder.setConnectConfig("password", passwords.superuser())
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(cleanStart)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("timezone", "UTC")
                    // fresh monthly partitions of the logs get statistics within seconds, not a minute
                    .setServerConfig("autovacuum_naptime", "10s")
                    .start();
            StalePostmaster.claim(dataDirectory);
            prepare(postgres, dataDirectory, passwords);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, e);
        } finally {
            if (initdbPasswordFile != null) {
                try {
                    Files.deleteIfExists(initdbPasswordFile);
                } catch (IOException e) {
                    log.warn("Could not delete {}: {}", initdbPasswordFile, e.getMessage());
                }
            }
        }
    }

    private static void prepare(EmbeddedPostgres postgres, Path dataDirectory, DatabasePasswords passwords)
            throws IOException {
        boolean trusted = DatabaseRoles.trustsConnections(dataDirectory);
        var superuser = new DatabaseLogin(url(postgres.getPort()), DatabaseRoles.SUPERUSER, passwords.superuser());
        try (Connection connection = superuser.connect()) {
            DatabaseRoles.prepare(connection, passwords, dataDirectory, trusted);
        } catch (SQLException e) {
            try {
                postgres.close();
                StalePostmaster.release(dataDirectory);
            } catch (IOException stopping) {
                e.addSuppressed(stopping);
            }
            throw new IllegalStateException(
                    "Cannot prepare the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage()
                            + (e.getSQLState() != null && e.getSQLState().startsWith("28")
                                    ? " (its passwords are in " + DatabasePasswords.fileOf(dataDirectory) + ")"
                                    : ""),
                    e);
        }
    }
}
