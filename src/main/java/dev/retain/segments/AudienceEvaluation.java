package dev.retain.segments;

import java.sql.Date;
import java.sql.Timestamp;
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
 * even when evaluations overlap; their reasons are computed for the changed customers only. Evaluations and manual
 * changes take turns (see {@link AudienceChanges#createDelta}).
 */
@Component
class AudienceEvaluation {

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

    /**
     * Every enabled dynamic audience, for every customer; returns the entries and exits. Records every audience's size
     * for today, changed or not, so sizes over time have a point a day.
     */
    @Transactional
    public long evaluateAll() {
        long changed = evaluate(store.dynamic(), null, EnumSet.allOf(DataChange.class));
        jdbc.sql("""
                        insert into audience_sizes (audience_id, day, members)
                        select id, ?, members from audiences
                        on conflict (audience_id, day) do update set members = excluded.members""").param(Date.valueOf(conditions.query(null).today())).update();
        return changed;
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
        // Hits are computed inside the turn too, so no evaluation diffs against hits older than another's.
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(AudienceChanges.LOCK)
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
        long changedMembers = scope == null ? 0 : removeGone(scope, now);
        changedMembers += pass(independent, scope, now);
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
        var query = conditions.query(scope);
        var hits = new ArrayList<String>();
        for (Evaluable evaluable : evaluables) {
            hits.add("case when " + query.predicate(evaluable.condition()) + " then "
                    + query.bind(evaluable.audience().id()) + "::bigint end");
        }
        // PostgreSQL 16+ would sort all order lines by (customer, order) for a count(distinct order_id); sorting each
        // customer's few lines on their own takes a third less time at a million customers. It ends with the
        // transaction.
        jdbc.sql("select set_config('enable_presorted_aggregate', 'off', true)"
                        + " where current_setting('server_version_num')::int >= 160000")
                .query()
                .listOfRows();
        // CREATE TABLE AS rather than INSERT … SELECT: PostgreSQL may then scan the facts with parallel workers.
        jdbc.sql("drop table if exists audience_hits").update();
        jdbc.sql("create temp table audience_hits on commit drop as select audience_id, customer_id from (select"
                        + " unnest(hits) as audience_id, id as customer_id from ("
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
                            select h.audience_id, h.customer_id, :now from audience_hits h
                            -- members already in: one anti-join rather than millions of failed speculative inserts
                            where not exists (select 1 from audience_members m
                                              where m.audience_id = h.audience_id and m.customer_id = h.customer_id)
                            on conflict do nothing returning audience_id, customer_id)
                        insert into audience_delta (audience_id, customer_id, change)
                        select audience_id, customer_id, 'ENTERED' from entered""").param("now", Timestamp.from(now)).update();
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
        addReasons(evaluables);
        jdbc.sql("update audiences set evaluated_at = ? where id = any(?)")
                .params(Timestamp.from(now), ids)
                .update();
        return changes.record(now, conditions.query(null).today());
    }

    /** Gives a merge's survivor the merged customer's manual tags (entries with the original reasons). */
    @Transactional
    public long copyManualTags(long fromCustomerId, long toCustomerId) {
        Instant now = conditions.query(null).now();
        changes.createDelta();
        jdbc.sql("""
                        with entered as (
                            insert into audience_members (audience_id, customer_id, since, reason)
                            select m.audience_id, :to, :now, m.reason
                            from audience_members m join audiences a on a.id = m.audience_id
                            where m.customer_id = :from and a.mode = 'MANUAL'
                            on conflict do nothing returning audience_id, customer_id, reason)
                        insert into audience_delta (audience_id, customer_id, change, reason)
                        select audience_id, customer_id, 'ENTERED', reason from entered""")
                .param("to", toCustomerId)
                .param("from", fromCustomerId)
                .param("now", Timestamp.from(now))
                .update();
        return changes.record(now, conditions.query(null).today());
    }

    /** Customers deleted or merged away leave every tag and segment, manual ones included. */
    private long removeGone(Collection<Long> scope, Instant now) {
        changes.createDelta();
        jdbc.sql("""
                        with exited as (
                            delete from audience_members m
                            where m.customer_id = any(:scope)
                              and not exists (select 1 from customer_profiles_view c where c.id = m.customer_id)
                            returning m.audience_id, m.customer_id)
                        insert into audience_delta (audience_id, customer_id, change)
                        select audience_id, customer_id, 'EXITED' from exited""").param("scope", scope.toArray(Long[]::new)).update();
        return changes.record(now, conditions.query(null).today());
    }

    /**
     * The values that decided each entry and exit, computed for the changed customers alone, for every audience that
     * changed in one statement.
     */
    private void addReasons(List<Evaluable> evaluables) {
        List<Long> changedAudiences = jdbc.sql("select distinct audience_id from audience_delta")
                .query(Long.class)
                .list();
        List<Evaluable> changed = evaluables.stream()
                .filter(e -> changedAudiences.contains(e.audience().id()))
                .toList();
        if (changed.isEmpty()) {
            return;
        }
        List<Long> customers = jdbc.sql("select distinct customer_id from audience_delta")
                .query(Long.class)
                .list();
        var query = conditions.query(customers);
        var reasons = new ArrayList<String>();
        var positions = new ArrayList<String>();
        for (Evaluable evaluable : changed) {
            positions.add("(" + query.bind(evaluable.audience().id()) + "::bigint, " + reasons.size() + ")");
            reasons.add(Conditions.reasonSql(evaluable.condition(), query));
        }
        jdbc.sql("update audience_delta d set reason = r.reasons -> p.position from ("
                        + query.select(
                                "c.id as customer_id, jsonb_build_array(" + String.join(", ", reasons) + ") as reasons",
                                null)
                        + ") r, (values " + String.join(", ", positions) + ") p (audience_id, position)"
                        + " where d.customer_id = r.customer_id and d.audience_id = p.audience_id")
                .params(query.params())
                .update();
    }
}
