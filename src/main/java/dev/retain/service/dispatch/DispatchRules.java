package dev.retain.service.dispatch;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Teams;
import dev.retain.segments.Conditions;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The ordered dispatch rules: checked in full before anything is written, audited when changed. */
@Service
public class DispatchRules {

    /** A rule as entered: {@code condition} is the condition's JSON. */
    public record Draft(
            String name, String condition, Long teamId, boolean ownerFirst, String language, boolean active) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Conditions conditions;
    private final Teams teams;
    private final AuditLog audit;
    private final Clock clock;

    DispatchRules(JdbcClient jdbc, Conditions conditions, Teams teams, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.conditions = conditions;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    public List<DispatchRule> all() {
        return jdbc.sql("select " + COLUMNS + " from dispatch_rules order by position, id")
                .query(DispatchRules::rule)
                .list();
    }

    List<DispatchRule> active() {
        return all().stream().filter(DispatchRule::active).toList();
    }

    public Optional<DispatchRule> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from dispatch_rules where id = ?")
                .param(id)
                .query(DispatchRules::rule)
                .optional();
    }

    /** Adds the rule after the others. @throws InvalidInputException naming each wrong field; nothing is written */
    @Transactional
    public DispatchRule add(Draft draft) {
        Draft checked = check(draft);
        long id = jdbc.sql("""
                        insert into dispatch_rules (position, name, condition, team_id, owner_first, language, active,
                                                    updated_at)
                        values ((select coalesce(max(position), 0) + 1 from dispatch_rules), ?, cast(? as jsonb), ?, ?,
                                ?, ?, ?)
                        returning id""")
                .params(
                        checked.name(),
                        checked.condition(),
                        checked.teamId(),
                        checked.ownerFirst(),
                        checked.language(),
                        checked.active(),
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        DispatchRule rule = find(id).orElseThrow();
        audit.record("create", "dispatch_rule", id, null, rule);
        return rule;
    }

    @Transactional
    public DispatchRule update(long id, Draft draft) {
        DispatchRule before = find(id).orElseThrow(() -> new NotFoundException("Dispatch rule", id));
        Draft checked = check(draft);
        jdbc.sql("""
                        update dispatch_rules set name = ?, condition = cast(? as jsonb), team_id = ?, owner_first = ?,
                               language = ?, active = ?, updated_at = ?
                        where id = ?""")
                .params(
                        checked.name(),
                        checked.condition(),
                        checked.teamId(),
                        checked.ownerFirst(),
                        checked.language(),
                        checked.active(),
                        Timestamp.from(clock.instant()),
                        id)
                .update();
        DispatchRule after = find(id).orElseThrow();
        audit.record("update", "dispatch_rule", id, before, after);
        return after;
    }

    /** Moves the rule one place up (earlier) or down. */
    @Transactional
    public List<DispatchRule> move(long id, boolean up) {
        List<DispatchRule> rules = new java.util.ArrayList<>(all());
        int at = -1;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id() == id) {
                at = i;
            }
        }
        if (at < 0) {
            throw new NotFoundException("Dispatch rule", id);
        }
        int other = up ? at - 1 : at + 1;
        if (other >= 0 && other < rules.size()) {
            java.util.Collections.swap(rules, at, other);
        }
        for (int i = 0; i < rules.size(); i++) {
            jdbc.sql("update dispatch_rules set position = ? where id = ?")
                    .params(i + 1, rules.get(i).id())
                    .update();
        }
        audit.record("move", "dispatch_rule", id, null, Map.of("up", up));
        return all();
    }

    @Transactional
    public void delete(long id) {
        DispatchRule before = find(id).orElseThrow(() -> new NotFoundException("Dispatch rule", id));
        jdbc.sql("delete from dispatch_rules where id = ?").param(id).update();
        audit.record("delete", "dispatch_rule", id, before, null);
    }

    private Draft check(Draft draft) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            problems.put("name", "is empty");
        } else if (name.length() > 100) {
            problems.put("name", "at most 100 characters");
        }
        String condition = null;
        if (draft.condition() == null || draft.condition().isBlank()) {
            problems.put("condition", "is empty");
        } else {
            try {
                var json = JSON.readTree(draft.condition());
                conditions.parseToSave(json);
                condition = JSON.writeValueAsString(json);
            } catch (JacksonException e) {
                problems.put("condition", "is not JSON: " + e.getOriginalMessage());
            } catch (InvalidInputException e) {
                e.fieldErrors().forEach((field, message) -> problems.put(field, message));
            }
        }
        if (draft.teamId() == null) {
            problems.put("teamId", "is empty");
        } else if (teams.list().stream().noneMatch(t -> t.id() == draft.teamId())) {
            problems.put("teamId", "no team " + draft.teamId());
        }
        String language = draft.language() == null || draft.language().isBlank()
                ? null
                : draft.language().strip();
        if (language != null && !language.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})?")) {
            problems.put("language", "a language code such as zh or en");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Draft(name, condition, draft.teamId(), draft.ownerFirst(), language, draft.active());
    }

    private static final String COLUMNS = "id, position, name, condition::text, team_id, owner_first, language, active";

    private static DispatchRule rule(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new DispatchRule(
                rs.getLong(1),
                rs.getInt(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getBoolean(6),
                rs.getString(7),
                rs.getBoolean(8));
    }
}
