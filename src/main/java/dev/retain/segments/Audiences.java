package dev.retain.segments;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Tags and segments: created, changed and removed with an audit trail; members kept by hand (manual tags) or by their
 * condition, evaluated as soon as it is saved; what a customer belongs to and why.
 */
@Service
public class Audiences {

    private final AudienceStore store;
    private final AudienceEvaluation evaluation;
    private final AudienceChanges changes;
    private final Conditions conditions;
    private final ConditionFields fields;
    private final JdbcClient jdbc;
    private final JdbcClient streaming;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper json;

    Audiences(
            AudienceStore store,
            AudienceEvaluation evaluation,
            AudienceChanges changes,
            Conditions conditions,
            ConditionFields fields,
            JdbcClient jdbc,
            DataSource dataSource,
            AuditLog audit,
            Clock clock,
            ObjectMapper json) {
        this.store = store;
        this.evaluation = evaluation;
        this.changes = changes;
        this.conditions = conditions;
        this.fields = fields;
        this.jdbc = jdbc;
        var fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(1_000);
        this.streaming = JdbcClient.create(fetching);
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    public List<Audience> list(AudienceKind kind) {
        return store.list(kind);
    }

    public Audience find(AudienceKind kind, long id) {
        return store.find(id)
                .filter(audience -> audience.kind() == kind)
                .orElseThrow(() -> new NotFoundException(kind.name().toLowerCase(), id));
    }

    public AudienceKind kindOf(long id) {
        return store.find(id).map(Audience::kind).orElseThrow(() -> new NotFoundException("tag or segment", id));
    }

    /** Creates the tag or segment and, unless kept by hand or disabled, evaluates it at once. */
    @Transactional
    public Audience create(AudienceKind kind, AudienceDraft draft) {
        check(kind, draft, null);
        boolean enabled = draft.enabled() == null || draft.enabled();
        long id = store.insert(kind, draft, enabled, AuditLog.currentActor(), Timestamp.from(clock.instant()));
        Audience created = store.find(id).orElseThrow();
        audit.record("create", kind.name().toLowerCase(), id, null, created);
        if (enabled && draft.mode() != AudienceMode.MANUAL) {
            evaluation.evaluateOne(created);
        }
        return store.find(id).orElseThrow();
    }

    /** Turns a template on as a dynamic tag. */
    @Transactional
    public Audience createFromTemplate(String key) {
        AudienceTemplate template = AudienceTemplate.ALL.stream()
                .filter(t -> t.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("template", key));
        List<String> missing = template.requiredFields().stream()
                .filter(field -> fields.find(field).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw new ConflictException(
                    "the template needs " + String.join(", ", missing) + ", which no module provides yet");
        }
        return create(
                AudienceKind.TAG,
                new AudienceDraft(
                        template.name(),
                        template.description(),
                        AudienceMode.DYNAMIC,
                        json.readTree(template.condition()),
                        true,
                        template.key()));
    }

    /** Changes it; a changed condition is evaluated at once, and members who no longer match leave. */
    @Transactional
    public Audience update(AudienceKind kind, long id, AudienceDraft draft) {
        Audience before = find(kind, id);
        if (draft.mode() != before.mode()) {
            throw new InvalidInputException("mode", "cannot change from " + before.mode() + "; create a new one");
        }
        check(kind, draft, id);
        boolean enabled = draft.enabled() == null ? before.enabled() : draft.enabled();
        store.update(id, draft, enabled, Timestamp.from(clock.instant()));
        Audience after = store.find(id).orElseThrow();
        audit.record("update", kind.name().toLowerCase(), id, before, after);
        if (enabled && after.mode() == AudienceMode.DYNAMIC) {
            evaluation.evaluateOne(after);
        }
        return store.find(id).orElseThrow();
    }

    @Transactional
    public void delete(AudienceKind kind, long id) {
        Audience before = find(kind, id);
        store.delete(id);
        audit.record("delete", kind.name().toLowerCase(), id, before, null);
    }

    /** Evaluates a snapshot segment again, or a dynamic audience now; returns the entries and exits. */
    @Transactional
    public long evaluate(AudienceKind kind, long id) {
        Audience audience = find(kind, id);
        if (audience.mode() == AudienceMode.MANUAL) {
            throw new ConflictException("a manual tag has no condition to evaluate");
        }
        return evaluation.evaluateOne(audience);
    }

    /** Evaluates every enabled dynamic audience for every customer; returns the entries and exits. */
    public long evaluateAll() {
        return evaluation.evaluateAll();
    }

    /** Adds customers to a manual tag; returns how many were not tagged before. */
    @Transactional
    public long tag(long tagId, Collection<Long> customerIds, Map<String, Object> reason) {
        Audience tag = manualTag(tagId);
        changes.createDelta();
        jdbc.sql("""
                        with entered as (
                            insert into audience_members (audience_id, customer_id, since)
                            select :tag, c.id, :now from customer_profiles_view c where c.id = any(:ids)
                            on conflict do nothing returning customer_id)
                        insert into audience_delta (audience_id, customer_id, change, reason)
                        select :tag, customer_id, 'ENTERED', cast(:reason as jsonb) from entered""")
                .param("tag", tag.id())
                .param("ids", customerIds.toArray(Long[]::new))
                .param("reason", json.writeValueAsString(reason))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return changes.record(clock.instant(), today());
    }

    /** Removes customers from a manual tag; returns how many were tagged. */
    @Transactional
    public long untag(long tagId, Collection<Long> customerIds, Map<String, Object> reason) {
        Audience tag = manualTag(tagId);
        changes.createDelta();
        jdbc.sql("""
                        with exited as (
                            delete from audience_members where audience_id = :tag and customer_id = any(:ids)
                            returning customer_id)
                        insert into audience_delta (audience_id, customer_id, change, reason)
                        select :tag, customer_id, 'EXITED', cast(:reason as jsonb) from exited""")
                .param("tag", tag.id())
                .param("ids", customerIds.toArray(Long[]::new))
                .param("reason", json.writeValueAsString(reason))
                .update();
        return changes.record(clock.instant(), today());
    }

    private Audience manualTag(long id) {
        Audience tag = find(AudienceKind.TAG, id);
        if (tag.mode() != AudienceMode.MANUAL) {
            throw new ConflictException(
                    "tag \"" + tag.name() + "\" follows its condition; only manual tags take" + " customers by hand");
        }
        return tag;
    }

    /** A member and why: the values at the time they entered. */
    public record Member(long customerId, String name, Instant since, Map<String, Object> reason) {}

    public PageOf<Member> members(long audienceId, int page, int size) {
        long total = jdbc.sql("select count(*) from audience_members where audience_id = ?")
                .param(audienceId)
                .query(Long.class)
                .single();
        List<Member> members = jdbc.sql("""
                        select m.customer_id, c.name, m.since, m.reason
                        from audience_members m join customer_profiles_view c on c.id = m.customer_id
                        where m.audience_id = ? order by m.customer_id limit ? offset ?""")
                .params(audienceId, size, (long) page * size)
                .query((rs, row) -> new Member(
                        rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), Reasons.read(rs.getString(4))))
                .list();
        return new PageOf<>(members, page, size, total);
    }

    /** Streams every member, in customer id order, for exports: rows are fetched a thousand at a time. */
    @Transactional(readOnly = true)
    public void eachMember(long audienceId, Consumer<Member> consumer) {
        streaming.sql("""
                        select m.customer_id, c.name, m.since, m.reason
                        from audience_members m join customer_profiles_view c on c.id = m.customer_id
                        where m.audience_id = ? order by m.customer_id""").param(audienceId).query(rs -> {
            consumer.accept(new Member(
                    rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), Reasons.read(rs.getString(4))));
        });
    }

    /** Members per day, oldest first. */
    public Map<LocalDate, Long> sizes(long audienceId, int days) {
        var sizes = new LinkedHashMap<LocalDate, Long>();
        jdbc.sql("""
                        select day, members from audience_sizes where audience_id = ? and day > ? order by day""")
                .params(audienceId, Date.valueOf(today().minusDays(days)))
                .query((rs, row) -> sizes.put(rs.getDate(1).toLocalDate(), rs.getLong(2)))
                .list();
        return sizes;
    }

    /** Recent entries and exits, newest first: customer, change, time and the values that decided it. */
    public List<Map<String, Object>> recentChanges(long audienceId, int limit) {
        return changes.recent(audienceId, limit);
    }

    /** How many customers entered and left a tag or segment over some days. */
    public record Movement(long audienceId, AudienceKind kind, String name, long entered, long exited) {}

    /** The tags and segments that moved most (entries plus exits) since {@code since}, most first. */
    public List<Movement> movedMost(Instant since, int limit) {
        return changes.movedMost(since, limit);
    }

    /** A tag or segment a customer belongs to, with why. */
    public record Membership(
            long audienceId,
            AudienceKind kind,
            String name,
            AudienceMode mode,
            Instant since,
            Map<String, Object> reason) {}

    public List<Membership> membershipsOf(long customerId) {
        return jdbc.sql("""
                        select a.id, a.kind, a.name, a.mode, m.since, m.reason
                        from audience_members m join audiences a on a.id = m.audience_id
                        where m.customer_id = ? order by a.kind desc, a.name""")
                .param(customerId)
                .query((rs, row) -> new Membership(
                        rs.getLong(1),
                        AudienceKind.valueOf(rs.getString(2)),
                        rs.getString(3),
                        AudienceMode.valueOf(rs.getString(4)),
                        rs.getTimestamp(5).toInstant(),
                        Reasons.read(rs.getString(6))))
                .list();
    }

    private void check(AudienceKind kind, AudienceDraft draft, Long id) {
        var problems = new LinkedHashMap<String, String>();
        if (draft.name() == null || draft.name().isBlank()) {
            problems.put("name", "is required");
        } else if (draft.name().strip().length() > 80) {
            problems.put("name", "must be at most 80 characters");
        } else if (store.nameTaken(kind, draft.name(), id)) {
            problems.put(
                    "name",
                    "a " + kind.name().toLowerCase() + " named \""
                            + draft.name().strip() + "\" exists");
        }
        if (draft.mode() == null) {
            problems.put("mode", "is required: MANUAL, DYNAMIC or SNAPSHOT");
        } else if (kind == AudienceKind.TAG && draft.mode() == AudienceMode.SNAPSHOT) {
            problems.put("mode", "a tag is MANUAL or DYNAMIC");
        } else if (kind == AudienceKind.SEGMENT && draft.mode() == AudienceMode.MANUAL) {
            problems.put("mode", "a segment is DYNAMIC or SNAPSHOT");
        } else if (draft.mode() != AudienceMode.MANUAL
                && (draft.condition() == null || draft.condition().isNull())) {
            problems.put(
                    "condition",
                    "is required for a " + draft.mode().name().toLowerCase() + " "
                            + kind.name().toLowerCase());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (draft.mode() != AudienceMode.MANUAL) {
            Condition condition = conditions.parseToSave(draft.condition());
            String own = kind == AudienceKind.TAG ? "tag" : "segment";
            for (Condition.Criterion criterion : condition.criteria()) {
                if (criterion.field().name().equals(own)
                        && draft.name().strip().equals(criterion.parameters().get("name"))) {
                    throw new InvalidInputException(
                            criterion.path(), "a condition cannot test membership of its own " + own);
                }
            }
        }
    }

    private LocalDate today() {
        return conditions.query(null).today();
    }
}
