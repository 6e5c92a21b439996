package dev.retain.segments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates audiences' conditions and applies the difference to their members: one statement computes every
 * audience's members in one pass over the facts; entries are inserted and exits deleted set-based, each exactly once
 * even when evaluations overlap; their reasons are computed for the changed customers only. Evaluations take turns
 * (a transaction-level advisory lock), so a batch and a real-time evaluation never interleave their diffs.
 */
@Component
class AudienceEvaluation {

    private static final long LOCK = 0x5E6_4E47L;

    private final JdbcClient jdbc;
    private final Conditions conditions;
    private final AudienceChanges changes;
    private final AudienceStore store;

    AudienceEvaluation(JdbcClient jdbc, Conditions conditions, AudienceChanges changes, AudienceStore store) {
        this.jdbc = jdbc;
        this.conditions = conditions;
        this.changes = changes;
        this.store = store;
    }

    /** An audience with its checked condition. */
    record Evaluable(Audience audience, Condition condition) {}

    /** Every enabled dynamic audience, for every customer; returns the entries and exits. */
    @Transactional
    public long evaluateAll() {
        return evaluate(store.dynamic(), null, EnumSet.allOf(DataChange.class));
    }

    /**
     * The enabled dynamic audiences the changes can affect, for these customers only ({@code customerIds} null: for
     * every customer).
     */
    @Transactional
    public long evaluateAffected(Collection<Long> customerIds, Set<DataChange> changed) {
        return evaluate(store.dynamic(), customerIds, changed);
    }

    /** One audience (a snapshot refresh, or a dynamic one just created or changed), for every customer. */
    @Transactional
    public long evaluateOne(Audience audience) {
        return evaluate(List.of(audience), null, EnumSet.allOf(DataChange.class));
    }

    private long evaluate(List<Audience> audiences, Collection<Long> scope, Set<DataChange> changed) {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(LOCK)
                .query(Object.class)
                .single();
        var independent = new ArrayList<Evaluable>();
        var dependent = new ArrayList<Evaluable>();
        for (Audience audience : audiences) {
            Condition condition = conditions.parse(audience.condition());
            Set<DataChange> reads = condition.changedBy();
            if (reads.stream().noneMatch(changed::contains) && !reads.contains(DataChange.AUDIENCES)) {
                continue;
            }
            (reads.contains(DataChange.AUDIENCES) ? dependent : independent).add(new Evaluable(audience, condition));
        }
        Instant now = conditions.query(null).now();
        long changedMembers = pass(independent, scope, now);
        // Conditions on other audiences' membership run after those audiences, one at a time; in real time only
        // when memberships changed or their own facts did.
        for (Evaluable evaluable : dependent) {
            if (scope == null
                    || changedMembers > 0
                    || evaluable.condition().changedBy().stream().anyMatch(changed::contains)) {
                changedMembers += pass(List.of(evaluable), scope, now);
            }
        }
        return changedMembers;
    }

    private long pass(List<Evaluable> evaluables, Collection<Long> scope, Instant now) {
        if (evaluables.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                        create temp table if not exists audience_hits (audience_id bigint not null,
                            customer_id bigint not null) on commit drop""").update();
        jdbc.sql("truncate audience_hits").update();
        var query = conditions.query(scope);
        var hits = new ArrayList<String>();
        for (Evaluable evaluable : evaluables) {
            hits.add("case when " + query.predicate(evaluable.condition()) + " then "
                    + query.bind(evaluable.audience().id()) + "::bigint end");
        }
        jdbc.sql("insert into audience_hits select audience_id, customer_id from (select unnest(hits) as audience_id,"
                        + " id as customer_id from ("
                        + query.select("c.id, array[" + String.join(", ", hits) + "] as hits", null)
                        + ") evaluated) hit where audience_id is not null")
                .params(query.params())
                .update();
        jdbc.sql("analyze audience_hits").update();

        Long[] ids = evaluables.stream().map(e -> e.audience().id()).toArray(Long[]::new);
        changes.createDelta();
        jdbc.sql("""
                        with entered as (
                            insert into audience_members (audience_id, customer_id, since)
                            select audience_id, customer_id, :now from audience_hits
                            on conflict do nothing returning audience_id, customer_id)
                        insert into audience_delta (audience_id, customer_id, change)
                        select audience_id, customer_id, 'ENTERED' from entered""").param("now", java.sql.Timestamp.from(now)).update();
        jdbc.sql("""
                        with exited as (
                            delete from audience_members m
                            where m.audience_id = any(:ids) and %s
                              and not exists (select 1 from audience_hits h
                                              where h.audience_id = m.audience_id and h.customer_id = m.customer_id)
                            returning m.audience_id, m.customer_id)
                        insert into audience_delta (audience_id, customer_id, change)
                        select audience_id, customer_id, 'EXITED' from exited""".formatted(scope == null ? "true" : "m.customer_id = any(:scope)"))
                .param("ids", ids)
                .param("scope", scope == null ? null : scope.toArray(Long[]::new))
                .update();
        // Without statistics the planner takes the delta for a few rows and joins it to the customers in a nested
        // loop, each turn scanning all the changed ids again: quadratic in the entries of a newly created audience.
        jdbc.sql("analyze audience_delta").update();
        for (Evaluable evaluable : evaluables) {
            addReasons(evaluable, now);
        }
        jdbc.sql("update audiences set evaluated_at = ? where id = any(?)")
                .params(java.sql.Timestamp.from(now), ids)
                .update();
        return changes.record(now, conditions.query(null).today());
    }

    /** The values that decided each entry and exit, computed for the changed customers alone. */
    private void addReasons(Evaluable evaluable, Instant now) {
        long id = evaluable.audience().id();
        boolean any = jdbc.sql("select exists (select 1 from audience_delta where audience_id = ?)")
                .param(id)
                .query(Boolean.class)
                .single();
        if (!any) {
            return;
        }
        List<Long> changed = jdbc.sql("select customer_id from audience_delta where audience_id = ?")
                .param(id)
                .query(Long.class)
                .list();
        var query = conditions.query(changed);
        String reason = Conditions.reasonSql(evaluable.condition(), query);
        jdbc.sql("update audience_delta d set reason = r.reason from ("
                        + query.select("c.id as customer_id, " + reason + " as reason", null)
                        + ") r where d.audience_id = :audience and d.customer_id = r.customer_id")
                .params(query.params())
                .param("audience", id)
                .update();
    }
}
