package dev.retain.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL per data directory and JVM, shared by every application context that asks for it
 * (tests start several contexts) and stopped when the last one releases it.
 */
final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<Path, EmbeddedPostgresServer> running = new HashMap<>();

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private int users;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    static synchronized EmbeddedPostgresServer acquire(Path dataDirectory, boolean cleanStart) {
        Path key = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = running.get(key);
        if (server == null) {
            server = new EmbeddedPostgresServer(key, start(key, cleanStart));
            running.put(key, server);
        }
        server.users++;
        return server;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    synchronized void release() {
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

    private static EmbeddedPostgres start(Path dataDirectory, boolean cleanStart) {
        try {
            Files.createDirectories(dataDirectory);
            StalePostmaster.stopIfRunning(dataDirectory);
            Path work = dataDirectory.resolveSibling("pg-runtime");
            Files.createDirectories(work);
            log.info("Starting embedded PostgreSQL with data in {}", dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
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
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }
}
