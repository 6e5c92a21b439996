package dev.retain.segments;

import dev.retain.platform.MonthlyPartitions;
import dev.retain.platform.RetentionSchedule;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records what the temporary table {@code audience_delta (audience_id, customer_id, change, reason)} holds — entries
 * and exits already applied to {@code audience_members} — in the change log, the audiences' sizes, and as events.
 */
@Component
class AudienceChanges {

    static final String TABLE = "audience_changes";
    static final int MEMBERS_PER_EVENT = 1_000;
    static final long LOCK = 0x5E6_4E47L;

    private final JdbcClient jdbc;
    private final MonthlyPartitions partitions;
    private final ApplicationEventPublisher events;

    @Bean
    static RetentionSchedule audienceChangesRetention(
            @Value("${retain.retention.audience-changes-months}") int months) {
        return new RetentionSchedule(TABLE, months);
    }

    AudienceChanges(JdbcClient jdbc, MonthlyPartitions partitions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.events = events;
    }

    /**
     * Starts a change of memberships: waits for any other to finish (a transaction-level advisory lock, so changes never
     * interleave their diffs or deadlock) and empties the delta.
     */
    void createDelta() {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(LOCK)
                .query(Object.class)
                .single();
        jdbc.sql("""
                        create temp table if not exists audience_delta (
                            audience_id bigint not null, customer_id bigint not null, change text not null,
                            reason jsonb not null default '{}') on commit drop""").update();
        jdbc.sql("truncate audience_delta").update();
    }

    /** Records the delta as of {@code now}; returns how many entries and exits there were. */
    long record(Instant now, LocalDate today) {
        long changes = jdbc.sql("select count(*) from audience_delta")
                .query(Long.class)
                .single();
        if (changes == 0) {
            return 0;
        }
        Timestamp at = Timestamp.from(now);
        jdbc.sql("""
                        update audience_members m set reason = d.reason
                        from audience_delta d
                        where d.change = 'ENTERED' and m.audience_id = d.audience_id and m.customer_id = d.customer_id""").update();
        partitions.ensure(TABLE, now, now);
        jdbc.sql("""
                        insert into audience_changes (audience_id, customer_id, change, at, reason)
                        select audience_id, customer_id, change, ?, reason from audience_delta""").param(at).update();
        jdbc.sql("""
                        update audiences a set members = a.members + d.entered - d.exited
                        from (select audience_id, count(*) filter (where change = 'ENTERED') as entered,
                                     count(*) filter (where change = 'EXITED') as exited
                              from audience_delta group by audience_id) d
                        where a.id = d.audience_id""").update();
        jdbc.sql("""
                        insert into audience_sizes (audience_id, day, members)
                        select id, ?, members from audiences where id in (select audience_id from audience_delta)
                        on conflict (audience_id, day) do update set members = excluded.members""").param(Date.valueOf(today)).update();
        publish(now);
        return changes;
    }

    private void publish(Instant now) {
        var batch = new ArrayList<AudienceMember>();
        var current = new Object[] {null, null, null, null}; // audience id, kind, name, change
        jdbc.sql("""
                        select d.audience_id, a.kind, a.name, d.change, d.customer_id, d.reason
                        from audience_delta d join audiences a on a.id = d.audience_id
                        order by d.audience_id, d.change, d.customer_id""").query(rs -> {
            long audienceId = rs.getLong(1);
            String change = rs.getString(4);
            if (!batch.isEmpty()
                    && (!current[0].equals(audienceId)
                            || !current[3].equals(change)
                            || batch.size() == MEMBERS_PER_EVENT)) {
                publish(current, batch, now);
            }
            current[0] = audienceId;
            current[1] = rs.getString(2);
            current[2] = rs.getString(3);
            current[3] = change;
            batch.add(new AudienceMember(rs.getLong(5), Reasons.read(rs.getString(6))));
        });
        if (!batch.isEmpty()) {
            publish(current, batch, now);
        }
    }

    private void publish(Object[] audience, List<AudienceMember> batch, Instant now) {
        long id = (Long) audience[0];
        String name = (String) audience[2];
        boolean tag = AudienceKind.TAG.name().equals(audience[1]);
        boolean entered = "ENTERED".equals(audience[3]);
        List<AudienceMember> members = List.copyOf(batch);
        batch.clear();
        if (tag) {
            events.publishEvent(
                    entered ? new TagAdded(id, name, now, members) : (Object) new TagRemoved(id, name, now, members));
        } else {
            events.publishEvent(
                    entered
                            ? new SegmentEntered(id, name, now, members)
                            : (Object) new SegmentExited(id, name, now, members));
        }
    }

    /** The audiences with the most entries and exits since {@code since}, through the log's time partitions. */
    List<Audiences.Movement> movedMost(Instant since, int limit) {
        return jdbc.sql("""
                        select a.id, a.kind, a.name,
                               count(*) filter (where x.change = 'ENTERED'), count(*) filter (where x.change = 'EXITED')
                        from audience_changes x join audiences a on a.id = x.audience_id
                        where x.at >= ?
                        group by a.id, a.kind, a.name order by count(*) desc, a.name limit ?""")
                .params(Timestamp.from(since), limit)
                .query((rs, row) -> new Audiences.Movement(
                        rs.getLong(1),
                        AudienceKind.valueOf(rs.getString(2)),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    /** Recent entries and exits of an audience, newest first. */
    List<Map<String, Object>> recent(long audienceId, int limit) {
        return jdbc.sql("""
                        select x.customer_id, c.name, x.change, x.at, x.reason
                        from audience_changes x left join customer_profiles_view c on c.id = x.customer_id
                        where x.audience_id = ? order by x.at desc, x.customer_id limit ?""")
                .params(audienceId, limit)
                .query((rs, row) -> Map.<String, Object>of(
                        "customerId", rs.getLong(1),
                        "name", rs.getString(2) == null ? "" : rs.getString(2),
                        "change", rs.getString(3),
                        "at", rs.getTimestamp(4).toInstant(),
                        "reason", Reasons.read(rs.getString(5))))
                .list();
    }
}
