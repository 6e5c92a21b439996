package dev.retain.journeys;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Journeys and their versions: a changed graph is a new version, and enrolments stay on the version they entered.
 * Only a valid graph is stored; a journey runs while ACTIVE, holds its enrolments while PAUSED.
 */
@Service
public class Journeys {

    static final Set<String> STATUSES = Set.of("DRAFT", "ACTIVE", "PAUSED", "ARCHIVED");

    private final JdbcClient jdbc;
    private final JourneyGraphs graphs;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, JourneyGraph> versions = new ConcurrentHashMap<>();

    Journeys(JdbcClient jdbc, JourneyGraphs graphs, AuditLog audit, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.graphs = graphs;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Journey create(String name, String description, JsonNode graph, String by) {
        requireName(name);
        graphs.parseToSave(graph);
        var now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                        insert into journeys (name, description, status, current_version, created_at, updated_at)
                        values (?, ?, 'DRAFT', 1, ?, ?) returning id""")
                .params(name.trim(), description, now, now)
                .query(Long.class)
                .single();
        insertVersion(id, 1, graph, by);
        Journey created = find(id);
        audit.record("create", "journey", id, null, created);
        return created;
    }

    /** Renames, and stores a new version when the graph changed. */
    @Transactional
    public Journey update(long id, String name, String description, JsonNode graph, String by) {
        Journey before = find(id);
        requireName(name);
        int version = before.currentVersion();
        if (graph != null && !graph.equals(before.graph())) {
            graphs.parseToSave(graph);
            version++;
            insertVersion(id, version, graph, by);
        }
        jdbc.sql("update journeys set name = ?, description = ?, current_version = ?, updated_at = ? where id = ?")
                .params(name.trim(), description, version, Timestamp.from(clock.instant()), id)
                .update();
        Journey after = find(id);
        audit.record("update", "journey", id, before, after);
        return after;
    }

    @Transactional
    public Journey setStatus(long id, String status) {
        Journey before = find(id);
        if (!STATUSES.contains(status)) {
            throw new InvalidInputException("status", "must be one of " + new java.util.TreeSet<>(STATUSES));
        }
        jdbc.sql("update journeys set status = ?, updated_at = ? where id = ?")
                .params(status, Timestamp.from(clock.instant()), id)
                .update();
        Journey after = find(id);
        audit.record("status", "journey", id, Map.of("status", before.status()), Map.of("status", status));
        return after;
    }

    public Journey find(long id) {
        return jdbc.sql(SELECT + " where j.id = ?")
                .param(id)
                .query(this::journey)
                .optional()
                .orElseThrow(() -> new NotFoundException("journey", id));
    }

    public List<Journey> list() {
        return jdbc.sql(SELECT + " order by j.id").query(this::journey).list();
    }

    /** A version's graph; versions never change, so they are read once. */
    JourneyGraph graph(long journeyId, int version) {
        return versions.computeIfAbsent(
                journeyId + ":" + version,
                key -> graphs.parse(jdbc.sql("select graph from journey_versions where journey_id = ? and version = ?")
                        .params(journeyId, version)
                        .query((rs, row) -> json.readTree(rs.getString(1)))
                        .single()));
    }

    /** Active journeys enrolled by a trigger of this type, with their current graph. */
    List<Journey> active(String triggerType) {
        return list().stream()
                .filter(journey -> journey.status().equals("ACTIVE"))
                .filter(journey -> graph(journey.id(), journey.currentVersion())
                        .trigger()
                        .type()
                        .equals(triggerType))
                .toList();
    }

    private void insertVersion(long id, int version, JsonNode graph, String by) {
        jdbc.sql("""
                        insert into journey_versions (journey_id, version, graph, created_at, created_by)
                        values (?, ?, ?::jsonb, ?, ?)""")
                .params(id, version, json.writeValueAsString(graph), Timestamp.from(clock.instant()), by)
                .update();
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
    }

    private static final String SELECT = """
            select j.id, j.name, j.description, j.status, j.current_version, v.graph, j.created_at, j.updated_at
            from journeys j join journey_versions v on v.journey_id = j.id and v.version = j.current_version""";

    private Journey journey(ResultSet rs, int row) throws SQLException {
        return new Journey(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                json.readTree(rs.getString(6)),
                rs.getTimestamp(7).toInstant(),
                rs.getTimestamp(8).toInstant());
    }
}
