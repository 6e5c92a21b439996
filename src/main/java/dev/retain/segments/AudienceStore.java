package dev.retain.segments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** The {@code audiences} table. */
@Component
class AudienceStore {

    private static final String COLUMNS = "id, kind, name, description, mode, condition, template, enabled, members,"
            + " evaluated_at, created_by, created_at, updated_at";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AudienceStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Audience> list(AudienceKind kind) {
        return jdbc.sql("select " + COLUMNS + " from audiences where kind = ? order by name")
                .param(kind.name())
                .query(this::audience)
                .list();
    }

    /** Enabled audiences kept by a condition. */
    List<Audience> dynamic() {
        return jdbc.sql("select " + COLUMNS + " from audiences where mode = 'DYNAMIC' and enabled order by id")
                .query(this::audience)
                .list();
    }

    Optional<Audience> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from audiences where id = ?")
                .param(id)
                .query(this::audience)
                .optional();
    }

    long insert(AudienceKind kind, AudienceDraft draft, boolean enabled, String by, Timestamp now) {
        return jdbc.sql("""
                        insert into audiences (kind, name, description, mode, condition, template, enabled, created_by,
                                               created_at, updated_at)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) returning id""")
                .params(
                        kind.name(),
                        draft.name().strip(),
                        draft.description(),
                        draft.mode().name(),
                        conditionText(draft),
                        draft.template(),
                        enabled,
                        by,
                        now,
                        now)
                .query(Long.class)
                .single();
    }

    void update(long id, AudienceDraft draft, boolean enabled, Timestamp now) {
        jdbc.sql("""
                        update audiences set name = ?, description = ?, mode = ?, condition = ?::jsonb, enabled = ?,
                            updated_at = ? where id = ?""")
                .params(
                        draft.name().strip(),
                        draft.description(),
                        draft.mode().name(),
                        conditionText(draft),
                        enabled,
                        now,
                        id)
                .update();
    }

    void delete(long id) {
        jdbc.sql("delete from audiences where id = ?").param(id).update();
    }

    boolean nameTaken(AudienceKind kind, String name, Long except) {
        return jdbc.sql("select exists (select 1 from audiences where kind = ? and name = ? and id <> ?)")
                .params(kind.name(), name.strip(), except == null ? -1L : except)
                .query(Boolean.class)
                .single();
    }

    private String conditionText(AudienceDraft draft) {
        return draft.mode() == AudienceMode.MANUAL || draft.condition() == null
                ? null
                : json.writeValueAsString(draft.condition());
    }

    private Audience audience(ResultSet rs, int row) throws SQLException {
        String condition = rs.getString(6);
        Timestamp evaluated = rs.getTimestamp(10);
        return new Audience(
                rs.getLong(1),
                AudienceKind.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                AudienceMode.valueOf(rs.getString(5)),
                condition == null ? null : json.readTree(condition),
                rs.getString(7),
                rs.getBoolean(8),
                rs.getLong(9),
                evaluated == null ? null : evaluated.toInstant(),
                rs.getString(11),
                rs.getTimestamp(12).toInstant(),
                rs.getTimestamp(13).toInstant());
    }
}
