package dev.retain.platform.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a backup needs to know about the schema Retain's tables live in (the connection's current schema): its
 * version, its tables (partitions under their parent), their columns, partitions and foreign keys, and its sequences.
 * Objects of extensions are left out.
 */
final class DatabaseCatalog {

    private static final String NOT_OF_AN_EXTENSION = """
            not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                                                  and d.deptype = 'e')""";

    private final Connection connection;

    DatabaseCatalog(Connection connection) {
        this.connection = connection;
    }

    /** The tables, by name; partitioned tables included, their partitions not. */
    List<String> tables() throws SQLException {
        return strings("select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace"
                + " and c.relkind in ('r', 'p') and not c.relispartition and " + NOT_OF_AN_EXTENSION
                + " order by c.relname");
    }

    List<String> partitionedTables() throws SQLException {
        return strings("select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace"
                + " and c.relkind = 'p' and not c.relispartition and " + NOT_OF_AN_EXTENSION + " order by c.relname");
    }

    /** Every table and partition. */
    List<String> relations() throws SQLException {
        return strings("select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace"
                + " and c.relkind in ('r', 'p') and " + NOT_OF_AN_EXTENSION + " order by c.relname");
    }

    /** The columns a backup copies, in table order: every column but dropped and generated ones. */
    List<String> columns(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select a.attname from pg_attribute a
                where a.attrelid = (select oid from pg_class where relname = ?
                                    and relnamespace = current_schema()::regnamespace)
                  and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                order by a.attnum""")) {
            statement.setString(1, table);
            return strings(statement);
        }
    }

    boolean partitioned(String table) throws SQLException {
        return partitionedTables().contains(table);
    }

    /** The partitions under {@code table}, parents before their own partitions. */
    List<BackupManifest.Partition> partitions(String table) throws SQLException {
        var partitions = new ArrayList<BackupManifest.Partition>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select c.relname, parent.relname, pg_get_expr(c.relpartbound, c.oid), c.oid
                from pg_partition_tree((select oid from pg_class where relname = ?
                                        and relnamespace = current_schema()::regnamespace)) tree
                join pg_class c on c.oid = tree.relid
                join pg_class parent on parent.oid = tree.parentrelid
                where tree.level > 0
                order by tree.level, c.relname""")) {
            statement.setString(1, table);
            try (var result = statement.executeQuery()) {
                while (result.next()) {
                    partitions.add(new BackupManifest.Partition(
                            result.getString(1),
                            result.getString(2),
                            result.getString(3),
                            ownTriggers(result.getLong(4))));
                }
            }
        }
        return partitions;
    }

    /** Triggers made on the partition itself, not cloned from its parent (which the parent brings along). */
    private List<String> ownTriggers(long partition) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select pg_get_triggerdef(t.oid) from pg_trigger t
                where t.tgrelid = ? and not t.tgisinternal and t.tgparentid = 0 order by t.tgname""")) {
            statement.setLong(1, partition);
            return strings(statement);
        }
    }

    List<BackupManifest.Sequence> sequences() throws SQLException {
        var sequences = new ArrayList<BackupManifest.Sequence>();
        for (String name :
                strings("select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace"
                        + " and c.relkind = 'S' and " + NOT_OF_AN_EXTENSION + " order by c.relname")) {
            try (Statement statement = connection.createStatement();
                    var result = statement.executeQuery("select last_value, is_called from " + quote(name))) {
                result.next();
                sequences.add(new BackupManifest.Sequence(name, result.getLong(1), result.getBoolean(2)));
            }
        }
        return sequences;
    }

    /** The newest migration applied, or null before any. */
    String schemaVersion() throws SQLException {
        if (strings("select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace"
                        + " and c.relname = 'flyway_schema_history'")
                .isEmpty()) {
            return null;
        }
        List<String> version = strings("select version from flyway_schema_history where success and version is not null"
                + " order by installed_rank desc limit 1");
        return version.isEmpty() ? null : version.get(0);
    }

    String postgresVersion() throws SQLException {
        return strings("show server_version").get(0);
    }

    /** Whether the schema holds nothing of its own yet (tables, views, sequences, functions, types). */
    boolean empty() throws SQLException {
        return strings("select c.relname from pg_class c where c.relnamespace = current_schema()::regnamespace"
                                + " and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') and " + NOT_OF_AN_EXTENSION)
                        .isEmpty()
                && strings("""
                                select p.proname from pg_proc p where p.pronamespace = current_schema()::regnamespace
                                  and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass
                                                  and d.objid = p.oid and d.deptype = 'e')""").isEmpty();
    }

    /**
     * The tables in an order that loads every referenced row before the rows referring to it (a table referring to
     * itself is loaded in one statement, which is checked at its end); otherwise by name.
     */
    List<String> loadOrder(Collection<String> tables) throws SQLException {
        Map<String, Set<String>> references = new TreeMap<>();
        tables.forEach(table -> references.put(table, new TreeSet<>()));
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery("""
                        select coalesce(pg_partition_root(con.conrelid), con.conrelid)::regclass::text,
                               coalesce(pg_partition_root(con.confrelid), con.confrelid)::regclass::text
                        from pg_constraint con
                        where con.contype = 'f' and con.conparentid = 0
                          and con.connamespace = current_schema()::regnamespace""")) {
            while (result.next()) {
                String from = unquote(result.getString(1));
                String to = unquote(result.getString(2));
                if (!from.equals(to) && references.containsKey(from) && references.containsKey(to)) {
                    references.get(from).add(to);
                }
            }
        }
        var order = new ArrayList<String>();
        Map<String, Set<String>> waiting = new LinkedHashMap<>(references);
        while (!waiting.isEmpty()) {
            String next = waiting.entrySet().stream()
                    .filter(entry -> order.containsAll(entry.getValue()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "The foreign keys between these tables form a cycle: " + waiting.keySet()));
            order.add(next);
            waiting.remove(next);
        }
        return order;
    }

    private List<String> strings(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            return strings(statement);
        }
    }

    private static List<String> strings(PreparedStatement statement) throws SQLException {
        var values = new ArrayList<String>();
        try (var result = statement.executeQuery()) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    /** An identifier quoted for SQL, whatever characters it holds. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String quoteAll(List<String> identifiers) {
        return String.join(
                ", ", identifiers.stream().map(DatabaseCatalog::quote).toList());
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }
}
