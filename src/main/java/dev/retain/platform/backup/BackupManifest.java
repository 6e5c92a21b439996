package dev.retain.platform.backup;

import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a backup file holds ({@code manifest.json} inside it): the schema version the database was at, every table with
 * its columns, partitions, row count, the SHA-256 of its data and a checksum of its rows, the sequences, and the files
 * from the data directory with their SHA-256.
 */
record BackupManifest(
        int format,
        String createdAt,
        String retainVersion,
        String schemaVersion,
        String postgresVersion,
        boolean includesKeys,
        List<Table> tables,
        List<Sequence> sequences,
        List<DataFile> files) {

    static final int FORMAT = 1;
    static final String ENTRY = "manifest.json";

    private static final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * A table as {@code COPY ... TO STDOUT} wrote it (text format) into {@code entry}: {@code rows} lines, {@code sha256}
     * of the bytes, and {@code rowsChecksum}, which does not depend on the order of the rows ({@link RowsChecksum}).
     */
    record Table(
            String name,
            List<String> columns,
            String entry,
            long rows,
            long bytes,
            String sha256,
            String rowsChecksum,
            List<Partition> partitions) {}

    /** A partition of {@code parent}, as {@code pg_get_expr} shows its bound, and its own (not cloned) triggers. */
    record Partition(String name, String parent, String bound, List<String> triggers) {}

    record Sequence(String name, long lastValue, boolean called) {}

    /** A file of the data directory; {@code path} is relative to it, with forward slashes. */
    record DataFile(String path, String entry, long bytes, String sha256) {}

    long totalRows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }

    byte[] toJson() {
        return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    }

    static BackupManifest fromJson(byte[] bytes) {
        return json.readValue(bytes, BackupManifest.class);
    }
}
