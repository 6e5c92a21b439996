package dev.retain.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
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
        execute(first, "create table kept (note text); insert into kept values ('still here')");
        first.release();

        var second = EmbeddedPostgresServer.acquire(pg, false);
        try (var connection = second.applicationLogin().connect();
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
            execute(server, "select 1");
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
            execute(server, "select 1");
        } finally {
            server.release();
        }
    }

    @Test
    void everyConnectionNeedsThePasswordKeptOnlyForTheOwnerOfTheFiles() throws Exception {
        Path pg = dataDirectory.resolve("pg");
        var server = EmbeddedPostgresServer.acquire(pg, false);
        try {
            String url = server.jdbcUrl();
            assertThatThrownBy(() -> new DatabaseLogin(url, "postgres", null).connect())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> new DatabaseLogin(url, "retain", null).connect())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> new DatabaseLogin(url, "postgres", "not-the-password").connect())
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            execute(server, "select 1");
            try (var connection = server.superuserLogin().connect()) {
                assertThat(connection.isValid(5)).isTrue();
            }

            Path passwords = dataDirectory.resolve(DatabasePasswords.FILE_NAME);
            assertThat(Files.getPosixFilePermissions(passwords))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(passwords))
                    .contains(server.applicationLogin().password());
            assertThat(Files.readString(pg.resolve("pg_hba.conf")))
                    .doesNotContainPattern("(?m)^\\s*(local|host)\\S*\\s.*\\strust\\s*$");
            assertThat(Files.list(dataDirectory.resolve("pg-runtime"))
                            .map(Path::getFileName)
                            .map(Path::toString))
                    .noneMatch(name -> name.startsWith(DatabasePasswords.FILE_NAME));
        } finally {
            server.release();
        }
    }

    @Test
    void lostPasswordsAreNotReplacedByNewOnesThatWouldNotOpenTheServer() throws Exception {
        Path pg = dataDirectory.resolve("pg");
        EmbeddedPostgresServer.acquire(pg, false).release();
        Path passwords = dataDirectory.resolve(DatabasePasswords.FILE_NAME);
        Files.delete(passwords);

        assertThatThrownBy(() -> EmbeddedPostgresServer.acquire(pg, false))
                .hasMessageContaining("their file " + passwords + " is missing");
        assertThat(passwords).doesNotExist();

        // the way out the message names: trust once, and the start sets new passwords
        Path hba = pg.resolve("pg_hba.conf");
        Files.writeString(hba, Files.readString(hba).replace("scram-sha-256", "trust"));
        var server = EmbeddedPostgresServer.acquire(pg, false);
        try {
            execute(server, "select 1");
            assertThat(Files.readString(hba)).doesNotContainPattern("(?m)^\\s*(local|host)\\S*\\s.*\\strust\\s*$");
            assertThatThrownBy(() -> new DatabaseLogin(server.jdbcUrl(), "postgres", null).connect())
                    .isInstanceOf(SQLException.class);
        } finally {
            server.release();
        }
    }

    @Test
    void theApplicationsRoleIsNoSuperuserButOwnsTheSchemaAndMaySwitchToTheScopedRole() throws Exception {
        var server = EmbeddedPostgresServer.acquire(dataDirectory.resolve("pg"), false);
        try (var connection = server.applicationLogin().connect()) {
            assertThat(query(connection, "select rolsuper from pg_roles where rolname = current_user"))
                    .isEqualTo("f");
            assertThat(query(connection, "select nspowner::regrole::text from pg_namespace where nspname = 'public'"))
                    .isEqualTo("retain");
            connection.createStatement().execute("create table mine (id int); set role retain_scoped; reset role");
            assertThat(query(connection, "select has_table_privilege('retain_scoped', 'mine', 'select')"))
                    .isEqualTo("t");
        } finally {
            server.release();
        }
    }

    @Test
    void aDataDirectoryFromBeforePasswordsIsUpgradedWithItsData() throws Exception {
        Path pg = dataDirectory.resolve("pg");
        try (var old = EmbeddedPostgres.builder()
                .setDataDirectory(pg)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start()) {
            String url = old.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(url, "postgres", null)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            try (var connection = DriverManager.getConnection(url)) {
                connection.createStatement().execute("""
                        insert into customers (kind, name, custom_fields, created_at, updated_at)
                        values ('PERSON', 'From before', '{}', now(), now());
                        select audit_create_partition(current_date);
                        insert into audit_log (at, actor, action, entity_type, entity_id)
                        values (now(), 'system', 'create', 'customer', '1')""");
            }
        }
        assertThat(Files.readString(pg.resolve("pg_hba.conf"))).contains("trust");

        var server = EmbeddedPostgresServer.acquire(pg, false);
        try (var connection = server.applicationLogin().connect()) {
            assertThatThrownBy(() -> new DatabaseLogin(server.jdbcUrl(), "postgres", null).connect())
                    .isInstanceOf(SQLException.class);
            assertThat(query(connection, "select name from customers")).isEqualTo("From before");
            assertThat(query(connection, "select rolsuper from pg_roles where rolname = current_user"))
                    .isEqualTo("f");
            assertThat(query(connection, """
                            select count(*) from pg_class c
                            where relnamespace = 'public'::regnamespace and relkind in ('r', 'p', 'v', 'm', 'S')
                              and relowner <> 'retain'::regrole
                              and not exists (select from pg_depend d where d.objid = c.oid and d.deptype = 'e')""")).isEqualTo("0");
            assertThat(query(connection, """
                            select count(*) from pg_proc p where pronamespace = 'public'::regnamespace
                              and proowner <> 'retain'::regrole
                              and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')""")).isEqualTo("0");
            // the chain goes on as retain, and the log stays append-only
            connection.createStatement().execute("""
                    insert into audit_log (at, actor, action, entity_type, entity_id)
                    values (now(), 'system', 'update', 'customer', '1')""");
            assertThat(query(connection, "select max(seq) from audit_log")).isEqualTo("2");
            assertThatThrownBy(() -> connection.createStatement().execute("delete from audit_log"))
                    .isInstanceOf(SQLException.class);
            connection.createStatement().execute("set role retain_scoped; reset role; create table later (id int)");
            assertThat(query(connection, "select has_table_privilege('retain_scoped', 'later', 'select')"))
                    .isEqualTo("t");
        } finally {
            server.release();
        }
        var login = EmbeddedPostgresServer.acquire(pg, false);
        try {
            var result = Flyway.configure()
                    .dataSource(
                            login.applicationLogin().url(),
                            "retain",
                            login.applicationLogin().password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isZero();
        } finally {
            login.release();
        }
    }

    private static String query(java.sql.Connection connection, String sql) throws SQLException {
        try (var result = connection.createStatement().executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws Exception {
        try (var connection = server.applicationLogin().connect()) {
            connection.createStatement().execute(sql);
        }
    }
}
