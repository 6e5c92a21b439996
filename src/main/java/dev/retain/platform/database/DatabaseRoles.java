package dev.retain.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What only the superuser of the embedded server may do, done by it at every start (each step is idempotent): the
 * application's role {@code retain} (login, no superuser) with its password, the role {@code retain_scoped} the data
 * scopes switch to and the membership that allows the switch, and {@code retain} as owner of the schema and of
 * everything in it (and allowed to create trusted extensions in the database), so that the migrations and the
 * application run as {@code retain}.
 *
 * <p>A data directory from before passwords ({@code trust} in {@code pg_hba.conf}) gets the superuser's password and
 * password authentication ({@code scram-sha-256}) too; its objects, owned by {@code postgres} until then, pass to
 * {@code retain}.
 */
final class DatabaseRoles {

    static final String APPLICATION_ROLE = "retain";
    static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);
    private static final Pattern TRUST_LINE = Pattern.compile("^(\\s*(?:local|host\\w*)\\s.*\\s)trust(\\s*)$");

    private DatabaseRoles() {}

    /** Whether {@code pg_hba.conf} lets anyone in without a password: a data directory initialised before passwords. */
    static boolean trustsConnections(Path pgDirectory) throws IOException {
        Path hba = pgDirectory.resolve("pg_hba.conf");
        return Files.isRegularFile(hba)
                && Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                        .anyMatch(line -> TRUST_LINE.matcher(line).matches());
    }

    static void prepare(Connection superuser, DatabasePasswords passwords, Path pgDirectory, boolean trusted)
            throws SQLException, IOException {
        if (!DatabasePasswords.safe(passwords.superuser()) || !DatabasePasswords.safe(passwords.application())) {
            throw new IllegalArgumentException("Unsafe database password");
        }
        try (Statement sql = superuser.createStatement()) {
            if (trusted) {
                log.warn(
                        "Upgrading the embedded database in {} to password authentication and the role {}",
                        pgDirectory,
                        APPLICATION_ROLE);
                sql.execute("alter role " + SUPERUSER + " password '" + passwords.superuser() + "'");
            }
            sql.execute("""
                    do $$
                    begin
                        if not exists (select from pg_roles where rolname = 'retain') then
                            create role retain login;
                        end if;
                        if not exists (select from pg_roles where rolname = 'retain_scoped') then
                            create role retain_scoped nologin;
                        end if;
                    end $$""");
            sql.execute("alter role " + APPLICATION_ROLE
                    + " with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '"
                    + passwords.application() + "'");
            if (!member(superuser)) {
                sql.execute("grant retain_scoped to " + APPLICATION_ROLE);
            }
            // pg_trgm (V1) is a trusted extension: creating it needs this, not the superuser
            sql.execute("grant create on database " + SUPERUSER + " to " + APPLICATION_ROLE);
            sql.execute("alter schema public owner to " + APPLICATION_ROLE);
            handOver(sql);
            // V35 made these as whoever ran it; objects retain creates from now on need them as well
            sql.execute("alter default privileges for role retain in schema public"
                    + " grant select, insert, update, delete on tables to retain_scoped");
            sql.execute(
                    "alter default privileges for role retain in schema public grant usage, select on sequences to retain_scoped");
        }
        if (trusted) {
            requirePasswords(pgDirectory);
            try (Statement sql = superuser.createStatement()) {
                sql.execute("select pg_reload_conf()");
            }
        }
    }

    private static boolean member(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
                var result = sql.executeQuery("select pg_has_role('retain', 'retain_scoped', 'member')")) {
            result.next();
            return result.getBoolean(1);
        }
    }

    /**
     * Gives {@code retain} everything in the schema another role owns, except what belongs to an extension: tables
     * (with their sequences and partitions), views, free sequences, functions and types.
     */
    private static void handOver(Statement sql) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (var result = sql.executeQuery("""
                select case c.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                      when 'f' then 'foreign table' else 'table' end || ' ' || c.oid::regclass
                from pg_class c
                where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
                  and c.relowner <> 'retain'::regrole
                  and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                                            and d.deptype = 'e')
                union all
                select case p.prokind when 'a' then 'aggregate ' when 'p' then 'procedure ' else 'function ' end
                       || p.oid::regprocedure
                from pg_proc p
                where p.pronamespace = 'public'::regnamespace and p.proowner <> 'retain'::regrole
                  and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid
                                                            and d.deptype = 'e')
                union all
                select case t.typtype when 'd' then 'domain ' else 'type ' end || t.oid::regtype
                from pg_type t
                where t.typnamespace = 'public'::regnamespace and t.typowner <> 'retain'::regrole
                  and t.typtype in ('e', 'd', 'r', 'c') and t.typelem = 0
                  and (t.typrelid = 0 or (select relkind from pg_class where oid = t.typrelid) = 'c')
                  and not exists (select from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid
                                                            and d.deptype = 'e')""")) {
            while (result.next()) {
                statements.add("alter " + result.getString(1) + " owner to " + APPLICATION_ROLE);
            }
        }
        for (String statement : statements) {
            sql.execute(statement);
        }
        // sequences of identity and serial columns went with their tables; the free ones are left
        statements.clear();
        try (var result = sql.executeQuery("""
                select 'sequence ' || c.oid::regclass from pg_class c
                where c.relnamespace = 'public'::regnamespace and c.relkind = 'S' and c.relowner <> 'retain'::regrole
                  and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                                            and d.deptype in ('e', 'a', 'i'))""")) {
            while (result.next()) {
                statements.add("alter " + result.getString(1) + " owner to " + APPLICATION_ROLE);
            }
        }
        for (String statement : statements) {
            sql.execute(statement);
        }
    }

    /** Replaces {@code trust} by {@code scram-sha-256} in every rule of {@code pg_hba.conf}. */
    private static void requirePasswords(Path pgDirectory) throws IOException {
        Path hba = pgDirectory.resolve("pg_hba.conf");
        String rewritten = Files.readAllLines(hba, StandardCharsets.UTF_8).stream()
                .map(line -> TRUST_LINE.matcher(line).replaceFirst("$1scram-sha-256$2"))
                .collect(Collectors.joining("\n", "", "\n"));
        Path temporary = hba.resolveSibling("pg_hba.conf.new");
        Files.writeString(temporary, rewritten, StandardCharsets.UTF_8);
        Files.move(temporary, hba, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
