package dev.retain.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads a backup's tables into a database whose schema was just migrated to the backup's version, in one transaction:
 * the partitions the backup had are created, the tables' own triggers are switched off while the rows go in (the
 * audit log's would otherwise chain its entries anew and refuse the emptying; others would write history twice),
 * every table is emptied of what the migrations put there and loaded with {@code COPY}, referenced tables first
 * (foreign keys stay checked), the sequences are set, the triggers switched on again, and every table is read back
 * and compared with the backup's row count and checksum before the transaction commits. Row-level security does not
 * apply: the schema's owner loads it.
 */
final class DatabaseRestore {

    /** A range partition's bound as {@code pg_get_expr} writes it for Retain's monthly partitions, or a default one. */
    private static final Pattern BOUND =
            Pattern.compile("FOR VALUES FROM \\('[0-9 :+.\\-]{1,40}'\\) TO \\('[0-9 :+.\\-]{1,40}'\\)|DEFAULT");

    private static final String IDENTIFIER = "[a-z_][a-z0-9_$]{0,62}";
    private static final String EVENTS = "(?:INSERT|UPDATE|DELETE|TRUNCATE)(?: OR (?:INSERT|UPDATE|DELETE|TRUNCATE))*";
    private static final Pattern TRIGGER = Pattern.compile("CREATE TRIGGER " + IDENTIFIER + " (?:BEFORE|AFTER) "
            + EVENTS
            + " ON (?:public\\.)?(" + IDENTIFIER + ") FOR EACH (?:ROW|STATEMENT) EXECUTE FUNCTION (?:public\\.)?"
            + IDENTIFIER + "\\(\\)");

    private DatabaseRestore() {}

    /** What was loaded: tables and rows. */
    record Loaded(int tables, long rows) {}

    static Loaded load(Connection connection, BackupArchive archive) throws SQLException, IOException {
        BackupManifest manifest = archive.manifest();
        connection.setAutoCommit(false);
        try {
            CopyFormat.fix(connection);
            var catalog = new DatabaseCatalog(connection);
            Map<String, BackupManifest.Table> tables = new LinkedHashMap<>();
            manifest.tables().forEach(table -> tables.put(table.name(), table));
            requireSameTables(catalog, tables);

            try (Statement sql = connection.createStatement()) {
                for (BackupManifest.Table table : tables.values()) {
                    createPartitions(sql, catalog, table);
                }
                List<String> relations = catalog.relations();
                for (String relation : relations) {
                    sql.execute("alter table " + DatabaseCatalog.quote(relation) + " disable trigger user");
                }
                sql.execute("truncate table " + DatabaseCatalog.quoteAll(catalog.tables()));

                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                long rows = 0;
                for (String name : catalog.loadOrder(tables.keySet())) {
                    BackupManifest.Table table = tables.get(name);
                    try (InputStream in = archive.table(table)) {
                        rows += copy.copyIn(
                                "copy " + DatabaseCatalog.quote(name) + " (" + DatabaseCatalog.quoteAll(table.columns())
                                        + ") from stdin",
                                in);
                    }
                }
                setSequences(connection, manifest.sequences());
                for (String relation : relations) {
                    sql.execute("alter table " + DatabaseCatalog.quote(relation) + " enable trigger user");
                }
                compare(copy, tables.values());
                connection.commit();
                return new Loaded(tables.size(), rows);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The migrations to the backup's version must have made the tables and columns the backup has. */
    private static void requireSameTables(DatabaseCatalog catalog, Map<String, BackupManifest.Table> tables)
            throws SQLException {
        Set<String> here = new TreeSet<>(catalog.tables());
        Set<String> missing = new TreeSet<>(tables.keySet());
        missing.removeAll(here);
        Set<String> extra = new TreeSet<>(here);
        extra.removeAll(tables.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new BackupRefusedException("The backup's tables differ from those of schema version "
                    + catalog.schemaVersion() + (missing.isEmpty() ? "" : "; only in the backup: " + missing)
                    + (extra.isEmpty() ? "" : "; only in the schema: " + extra) + ". Nothing was restored.");
        }
        for (BackupManifest.Table table : tables.values()) {
            if (!new HashSet<>(catalog.columns(table.name())).equals(new HashSet<>(table.columns()))) {
                throw new BackupRefusedException("The backup's columns of " + table.name() + " " + table.columns()
                        + " differ from those of schema version " + catalog.schemaVersion() + ": "
                        + catalog.columns(table.name()) + ". Nothing was restored.");
            }
        }
    }

    private static void createPartitions(Statement sql, DatabaseCatalog catalog, BackupManifest.Table table)
            throws SQLException {
        if (table.partitions() == null || table.partitions().isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>(catalog.relations());
        for (BackupManifest.Partition partition : table.partitions()) {
            if (existing.contains(partition.name())) {
                continue;
            }
            if (!partition.name().matches(IDENTIFIER)
                    || !partition.parent().matches(IDENTIFIER)
                    || !BOUND.matcher(partition.bound()).matches()) {
                throw new BackupRefusedException("The backup's partition " + partition.name() + " of "
                        + partition.parent() + " (" + partition.bound() + ") is not one Retain makes");
            }
            sql.execute("create table " + DatabaseCatalog.quote(partition.name()) + " partition of "
                    + DatabaseCatalog.quote(partition.parent()) + " " + partition.bound());
            for (String trigger : partition.triggers()) {
                var matcher = TRIGGER.matcher(trigger);
                if (!matcher.matches() || !matcher.group(1).equals(partition.name())) {
                    throw new BackupRefusedException(
                            "The backup's trigger on " + partition.name() + " is not one Retain makes: " + trigger);
                }
                sql.execute(trigger);
            }
        }
    }

    private static void setSequences(Connection connection, List<BackupManifest.Sequence> sequences)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select setval(?::regclass, ?, ?)")) {
            for (BackupManifest.Sequence sequence : sequences) {
                statement.setString(1, DatabaseCatalog.quote(sequence.name()));
                statement.setLong(2, sequence.lastValue());
                statement.setBoolean(3, sequence.called());
                statement.execute();
            }
        }
    }

    /** Reads every table back as the backup wrote it and compares row count and checksum. */
    private static void compare(CopyManager copy, Iterable<BackupManifest.Table> tables)
            throws SQLException, IOException {
        var differing = new ArrayList<String>();
        for (BackupManifest.Table table : tables) {
            var rows = new RowsChecksum();
            copy.copyOut(
                    "copy (select " + DatabaseCatalog.quoteAll(table.columns()) + " from "
                            + DatabaseCatalog.quote(table.name()) + ") to stdout",
                    (OutputStream) rows);
            if (rows.rows() != table.rows() || !rows.checksum().equals(table.rowsChecksum())) {
                differing.add(
                        table.name() + " (" + rows.rows() + " rows read back, " + table.rows() + " in the backup)");
            }
        }
        if (!differing.isEmpty()) {
            throw new IllegalStateException(
                    "The restored tables differ from the backup: " + differing + ". Nothing was restored.");
        }
    }
}
