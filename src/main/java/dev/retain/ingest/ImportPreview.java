package dev.retain.ingest;

import dev.retain.ingest.cleansing.HeaderSynonyms;
import dev.retain.ingest.files.ReadLimits;
import dev.retain.ingest.files.TableReader;
import dev.retain.ingest.files.UnreadableFileException;
import dev.retain.platform.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The dry run: a file's columns, a suggested mapping from their headers (Chinese or English), and the first rows as
 * they would be stored, with the problem of each bad cell. Nothing is written.
 */
@Service
public class ImportPreview {

    public static final int ROWS = 100;

    private final Cleansing cleansing;
    private final ReadLimits limits;

    ImportPreview(Cleansing cleansing, ReadLimits limits) {
        this.cleansing = cleansing;
        this.limits = limits;
    }

    /** One previewed row: its number in the file, the clean values by field, and the problems by field. */
    public record PreviewRow(long rowNumber, Map<String, Object> values, Map<String, String> problems) {

        /** The row's cells in the order of {@code fields}: each field's clean value and its problem, if any. */
        public List<Cell> cells(Collection<String> fields) {
            return fields.stream()
                    .map(field -> new Cell(field, values.get(field), problems.get(field)))
                    .toList();
        }
    }

    /** A previewed cell. */
    public record Cell(String field, Object value, String problem) {}

    public record Preview(
            List<String> headers,
            Map<String, String> suggestedMapping,
            Map<String, String> mapping,
            List<PreviewRow> rows) {}

    /**
     * Previews the file with the given mapping, or with the suggested one when {@code mapping} is empty.
     *
     * @throws InvalidInputException on field {@code file}, saying why, when the file cannot be read as a table
     */
    public Preview preview(Path file, ImportKind kind, Map<String, String> mapping, ImportOptions options)
            throws IOException {
        try (TableReader reader = open(file)) {
            List<String> headers = reader.headers();
            Map<String, String> suggested = suggest(kind, headers);
            Map<String, String> used = mapping == null || mapping.isEmpty() ? suggested : mapping;
            var cleanser = cleansing.cleanser(kind, ColumnMapping.of(kind, used, headers), headers, options);
            var rows = new ArrayList<PreviewRow>();
            for (String[] cells = reader.next(); cells != null && rows.size() < ROWS; cells = reader.next()) {
                var cleansed = cleanser.cleanse(reader.rowNumber(), cells, reader.rowProblem());
                var values = new LinkedHashMap<String, Object>();
                for (String field : used.keySet()) {
                    Object value = cleansed.values()[RowCleanser.stagedColumnOf(field)];
                    if (value != null) {
                        values.put(field, value);
                    }
                }
                rows.add(new PreviewRow(reader.rowNumber(), values, cleansed.problems()));
            }
            return new Preview(headers, suggested, used, rows);
        }
    }

    private TableReader open(Path file) throws IOException {
        try {
            return limits.open(file);
        } catch (UnreadableFileException e) {
            throw new InvalidInputException("file", e.getMessage());
        }
    }

    /** The file's column headers. */
    public List<String> headers(Path file) throws IOException {
        try (TableReader reader = open(file)) {
            return reader.headers();
        }
    }

    /** Each field gets the first column whose header suggests it. */
    static Map<String, String> suggest(ImportKind kind, List<String> headers) {
        return suggestAround(kind, headers, Map.of());
    }

    /**
     * The mapping {@code given} (field → column), completed with suggestions for the fields it leaves out from the
     * columns it leaves unused; the command line imports with it, so that only what the headers do not say needs
     * saying.
     */
    static Map<String, String> suggestAround(ImportKind kind, List<String> headers, Map<String, String> given) {
        var allowed = new HashSet<>(kind.fields());
        allowed.removeAll(given.keySet());
        var mapping = new LinkedHashMap<String, String>();
        for (String header : headers) {
            if (given.containsValue(header)) {
                continue;
            }
            HeaderSynonyms.suggest(header, allowed).ifPresent(field -> {
                mapping.putIfAbsent(field, header);
                allowed.remove(field);
            });
        }
        mapping.putAll(given);
        return mapping;
    }
}
