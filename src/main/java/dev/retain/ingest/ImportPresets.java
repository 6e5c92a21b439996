package dev.retain.ingest;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Saved mappings, by name. Saving under an existing name replaces it. */
@Service
public class ImportPresets {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;

    ImportPresets(JdbcClient jdbc, ObjectMapper json, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ImportPreset> list() {
        return jdbc.sql("select name, kind, source, mapping::text, options::text from import_presets order by name")
                .query(this::map)
                .list();
    }

    public ImportPreset find(String name) {
        return jdbc.sql("select name, kind, source, mapping::text, options::text from import_presets where name = ?")
                .param(name)
                .query(this::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("Import preset", name));
    }

    public ImportPreset save(ImportPreset preset) {
        if (preset.name() == null || preset.name().isBlank() || preset.name().length() > 100) {
            throw new InvalidInputException("name", "1 to 100 characters");
        }
        if (preset.kind() == null
                || preset.mapping() == null
                || preset.mapping().isEmpty()) {
            throw new InvalidInputException("mapping", "a preset needs a kind and a mapping");
        }
        jdbc.sql("""
                        insert into import_presets (name, kind, source, mapping, options, created_at)
                        values (?, ?, ?, ?::jsonb, ?::jsonb, ?)
                        on conflict (name) do update set kind = excluded.kind, source = excluded.source,
                            mapping = excluded.mapping, options = excluded.options""")
                .params(
                        preset.name().strip(),
                        preset.kind().name(),
                        preset.source(),
                        json.writeValueAsString(preset.mapping()),
                        json.writeValueAsString(preset.options()),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record("save", "import_preset", preset.name().strip(), null, preset);
        return find(preset.name().strip());
    }

    private ImportPreset map(ResultSet rs, int row) throws SQLException {
        return new ImportPreset(
                rs.getString(1),
                ImportKind.valueOf(rs.getString(2)),
                rs.getString(3),
                json.readValue(rs.getString(4), STRING_MAP),
                json.readValue(rs.getString(5), ImportOptions.class));
    }
}
