package dev.retain.ingest;

import dev.retain.ingest.files.TableReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * API records seen as a table, so that they take the same way in as file rows: the kind's fields are the columns, and
 * for events any other key becomes a column too (and so a property of the event). Row numbers count records from 1.
 */
final class RecordTable implements TableReader {

    private final List<String> headers;
    private final List<Map<String, Object>> records;
    private int next;

    RecordTable(ImportKind kind, List<Map<String, Object>> records) {
        var columns = new LinkedHashSet<>(kind.fields());
        if (kind == ImportKind.EVENTS) {
            records.forEach(record -> columns.addAll(record.keySet()));
        }
        this.headers = List.copyOf(columns);
        this.records = records;
    }

    /** Every field maps to its own column; a record without a needed field is rejected saying which. */
    static Map<String, String> mapping(ImportKind kind) {
        var mapping = new LinkedHashMap<String, String>();
        kind.fields().forEach(field -> mapping.put(field, field));
        return mapping;
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public String[] next() {
        if (next >= records.size()) {
            return null;
        }
        Map<String, Object> record = records.get(next++);
        var cells = new ArrayList<String>(headers.size());
        for (String header : headers) {
            Object value = record.get(header);
            cells.add(value == null ? "" : value.toString());
        }
        return cells.toArray(String[]::new);
    }

    @Override
    public long rowNumber() {
        return next;
    }

    @Override
    public long bytesRead() {
        return -1;
    }

    @Override
    public long totalBytes() {
        return -1;
    }

    @Override
    public void close() {}
}
