package dev.retain.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("embedded")
class EmbeddedPostgresServerTests {

    @TempDir
    Path dataDirectory;

    @Test
    void dataSurvivesARestart() throws Exception {
        Path pg = dataDirectory.resolve("pg");
        var first = EmbeddedPostgresServer.acquire(pg, false);
        execute(first.jdbcUrl(), "create table kept (note text); insert into kept values ('still here')");
        first.release();

        var second = EmbeddedPostgresServer.acquire(pg, false);
        try (var connection = DriverManager.getConnection(second.jdbcUrl());
                var result = connection.createStatement().executeQuery("select note from kept")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("still here");
        } finally {
            second.release();
        }
    }

    @Test
    void contextsSharingADataDirectoryShareOneServer() {
        Path pg = dataDirectory.resolve("pg");
        var first = EmbeddedPostgresServer.acquire(pg, false);
        var second = EmbeddedPostgresServer.acquire(pg, false);
        try {
            assertThat(second).isSameAs(first);
        } finally {
            second.release();
            first.release();
        }
    }

    @Test
    void aPostmasterLeftBehindByAKilledJvmIsStoppedOnTheNextStart() throws Exception {
        Path pg = dataDirectory.resolve("pg");
        Process killedJvm = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanedPostgres.class.getName(),
                        pg.toString())
                .inheritIO()
                .start();
        assertThat(killedJvm.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long orphanPid = Long.parseLong(
                Files.readAllLines(pg.resolve("postmaster.pid")).get(0).strip());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

        var server = EmbeddedPostgresServer.acquire(pg, false);
        try {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            execute(server.jdbcUrl(), "select 1");
        } finally {
            server.release();
        }
    }

    @Test
    void aPostmasterWhoseJvmStillRunsIsLeftAlone() throws Exception {
        Path pg = dataDirectory.resolve("pg");
        var server = EmbeddedPostgresServer.acquire(pg, false);
        try {
            assertThatThrownBy(() -> StalePostmaster.stopIfRunning(pg))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running Retain process");
            execute(server.jdbcUrl(), "select 1");
        } finally {
            server.release();
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (var connection = DriverManager.getConnection(url)) {
            connection.createStatement().execute(sql);
        }
    }
}
