package dev.retain.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/** Starts an embedded PostgreSQL and dies without stopping it, as a JVM killed with -9 would. */
public final class OrphanedPostgres {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        Runtime.getRuntime().halt(0);
    }
}
