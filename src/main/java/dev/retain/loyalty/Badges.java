package dev.retain.loyalty;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.segments.Conditions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The badges (成就) an admin defines, and those a member earned. A badge's rule is checked by the segments' condition
 * language before it is saved, so a rule that could not run is refused with a message per faulty part; badges are
 * deactivated, never deleted, since members keep what they earned.
 */
@Service
public class Badges {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_POINTS = 1_000_000;

    private static final String COLUMNS =
            "id, name, description, points, active, condition::text, updated_at, updated_by";

    private final JdbcClient jdbc;
    private final Conditions conditions;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    Badges(JdbcClient jdbc, Conditions conditions, AuditLog audit, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.conditions = conditions;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** Every badge, active ones first, by name. */
    public List<Badge> all() {
        return jdbc.sql("select " + COLUMNS + " from loyalty_badges order by active desc, name")
                .query(this::badge)
                .list();
    }

    /** @throws NotFoundException no such badge */
    public Badge find(long id) {
        return jdbc.sql("select " + COLUMNS + " from loyalty_badges where id = ?")
                .param(id)
                .query(this::badge)
                .optional()
                .orElseThrow(() -> new NotFoundException("Badge", id));
    }

    /** @throws InvalidInputException a missing or taken name, points out of range, a faulty rule */
    @Transactional
    public Badge create(BadgeDraft draft) {
        Checked checked = check(draft, null);
        String actor = AuditLog.currentActor();
        Timestamp now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                        insert into loyalty_badges (name, description, points, active, condition, created_at,
                                                    created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) returning id""")
                .params(
                        checked.name(),
                        checked.description(),
                        checked.points(),
                        checked.active(),
                        checked.condition(),
                        now,
                        actor,
                        now,
                        actor)
                .query(Long.class)
                .single();
        Badge created = find(id);
        audit.record("create", "loyalty_badge", id, null, created);
        return created;
    }

    /** Changes a badge; members keep it whatever changes. @throws NotFoundException no such badge */
    @Transactional
    public Badge update(long id, BadgeDraft draft) {
        Badge before = find(id);
        Checked checked = check(draft, id);
        jdbc.sql("""
                        update loyalty_badges set name = ?, description = ?, points = ?, active = ?,
                                                  condition = ?::jsonb, updated_at = ?, updated_by = ?
                        where id = ?""")
                .params(
                        checked.name(),
                        checked.description(),
                        checked.points(),
                        checked.active(),
                        checked.condition(),
                        Timestamp.from(clock.instant()),
                        AuditLog.currentActor(),
                        id)
                .update();
        Badge after = find(id);
        audit.record("update", "loyalty_badge", id, before, after);
        return after;
    }

    /** Turns a badge on or off, keeping the rest. */
    @Transactional
    public Badge activate(long id, boolean active) {
        Badge badge = find(id);
        return update(id, new BadgeDraft(badge.name(), badge.description(), badge.points(), active, badge.condition()));
    }

    /** The badges the customer earned, newest first. @throws NotFoundException an unknown or not visible customer */
    public List<EarnedBadge> earnedBy(long customerId) {
        boolean known = jdbc.sql("select exists (select 1 from customer_profiles_view where id = ?)")
                .param(customerId)
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new NotFoundException("Customer", customerId);
        }
        return jdbc.sql("""
                        select b.id, b.name, b.description, m.earned_at,
                               coalesce((select sum(e.points) from loyalty_entries e
                                         where e.customer_id = m.customer_id and e.transaction_id = m.transaction_id
                                           and e.account in ('ACTIVE', 'PENDING')), 0)
                        from loyalty_member_badges m join loyalty_badges b on b.id = m.badge_id
                        where m.customer_id = ? order by m.earned_at desc, b.name""")
                .param(customerId)
                .query((rs, row) -> new EarnedBadge(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getLong(5)))
                .list();
    }

    private record Checked(String name, String description, int points, boolean active, String condition) {}

    private Checked check(BadgeDraft draft, Long id) {
        if (draft == null) {
            throw new InvalidInputException("badge", "required: name, condition, and optionally description, points");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) {
            problems.put("name", "required");
        } else if (name.length() > MAX_NAME) {
            problems.put("name", "at most " + MAX_NAME + " characters");
        } else if (jdbc.sql("select exists (select 1 from loyalty_badges where name = ? and id is distinct from ?)")
                .params(name, id)
                .query(Boolean.class)
                .single()) {
            problems.put("name", "there is a badge named \"" + name + "\" already");
        }
        String description = draft.description() == null || draft.description().isBlank()
                ? null
                : draft.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.put("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        int points = draft.points() == null ? 0 : draft.points();
        if (points < 0 || points > MAX_POINTS) {
            problems.put("points", "a whole number of points from 0 (none) to " + MAX_POINTS);
        }
        JsonNode condition = draft.condition();
        if (condition == null || condition.isNull() || condition.isMissingNode()) {
            problems.put(
                    "condition",
                    "required: the rule, e.g. {\"field\": \"orders.count\", \"op\": \"gte\", \"value\": 10}");
        } else {
            try {
                conditions.parseToSave(condition);
            } catch (InvalidInputException e) {
                problems.putAll(e.fieldErrors());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(
                name,
                description,
                points,
                draft.active() == null || draft.active(),
                json.writeValueAsString(condition));
    }

    private Badge badge(ResultSet rs, int row) throws SQLException {
        return new Badge(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getBoolean(5),
                json.readTree(rs.getString(6)),
                rs.getTimestamp(7).toInstant(),
                rs.getString(8));
    }
}
