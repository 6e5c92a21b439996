package dev.retain.sales;

import dev.retain.customers.CustomerOwnersChanged.OwnerChange;
import dev.retain.customers.Placements;
import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reclaim run (公海回收), nightly and on demand: owned customers past their pool's rules go back to the pool, each
 * with the rule as its reason on the timeline; owners of customers due within their pool's reminder days are reminded
 * once per customer, owner and stretch of neglect.
 */
@Service
public class PoolReclaims {

    private static final Logger log = LoggerFactory.getLogger(PoolReclaims.class);

    /** What a run did. */
    public record Result(int reclaimed, int reminded) {}

    /** An owned customer due back in its pool within a few days. */
    public record Due(long customerId, long ownerId, long poolId, int daysLeft, String rule, int ruleDays) {}

    private final JdbcClient jdbc;
    private final Placements placements;
    private final AuditLog audit;
    private final CompanyZone zone;
    private final Clock clock;

    PoolReclaims(JdbcClient jdbc, Placements placements, AuditLog audit, CompanyZone zone, Clock clock) {
        this.jdbc = jdbc;
        this.placements = placements;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    @Bean
    ScheduledJob salesReclaimJob(@Value("${retain.sales.reclaim-cron}") String cron) {
        return new ScheduledJob("sales.pool-reclaim", cron, zone.zone(), this::run);
    }

    @Transactional
    public Result run() {
        LocalDate today = zone.today(clock);
        List<Due> due = due(today, "true", 0);
        Map<Long, Due> byCustomer = new HashMap<>();
        due.forEach(d -> byCustomer.put(d.customerId(), d));
        // in id order, so that two runs at once (a manager's and the night's) take the rows' locks in the same order
        List<OwnerChange> reclaimed = placements.putInPool(
                due.stream()
                        .sorted(java.util.Comparator.comparingLong(Due::customerId))
                        .map(d -> new OwnerChange(d.customerId(), d.ownerId()))
                        .toList(),
                null);
        List<Due> taken = reclaimed.stream()
                .map(change -> byCustomer.get(change.customerId()))
                .toList();
        // The moves are the record of each customer's reclaim; the audit log keeps the run.
        jdbc.sql("""
                        insert into customer_pool_moves (customer_id, pool_id, kind, from_owner, reason, actor, at)
                        select customer_id, pool_id, 'RECLAIMED', owner_id, rule, 'system', :now
                        from unnest(:customers, :pools, :owners, :rules) as r (customer_id, pool_id, owner_id, rule)""")
                .param("customers", taken.stream().map(Due::customerId).toArray(Long[]::new))
                .param("pools", taken.stream().map(Due::poolId).toArray(Long[]::new))
                .param("owners", taken.stream().map(Due::ownerId).toArray(Long[]::new))
                .param(
                        "rules",
                        taken.stream().map(d -> d.rule() + ":" + d.ruleDays()).toArray(String[]::new))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        int reminded = remind(today);
        audit.record("reclaim", "pool_run", today, null, Map.of("reclaimed", reclaimed.size(), "reminded", reminded));
        log.info("Pool reclaim: {} customers back in their pools, {} owners reminded", reclaimed.size(), reminded);
        return new Result(reclaimed.size(), reminded);
    }

    /** The owner's customers due back in a pool within {@code days} days, soonest first. */
    public List<Due> dueFor(long ownerId, int days) {
        return due(zone.today(clock), "c.owner_id = " + ownerId, days);
    }

    /** Every owned customer due back in a pool within {@code days} days, soonest first. */
    public List<Due> dueWithin(int days) {
        return due(zone.today(clock), "true", days);
    }

    /** When the owned customer goes back to its pool if nothing happens, and by which rule; empty when no rule applies. */
    public java.util.Optional<Due> dueOf(long customerId) {
        return due(zone.today(clock), "c.id = " + customerId, Integer.MAX_VALUE).stream()
                .findFirst();
    }

    /** Reminds owners of customers due within their pool's reminder days; once per customer, owner and stretch of neglect. */
    private int remind(LocalDate today) {
        return jdbc.sql(
                        "insert into customer_pool_reminders (customer_id, owner_id, counted_from, days_left, created_at)"
                                + " select r.customer_id, r.owner_id, r.counted_from, r.days_until_reclaim, :now from ("
                                + ReclaimStatus.sql(":today", ":zone", "true")
                                + ") r join customer_pools p on p.id = r.pool_id"
                                + " where r.days_until_reclaim between 1 and p.remind_days order by r.customer_id"
                                + " on conflict do nothing")
                .param("today", today)
                .param("zone", zone.zone().getId())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private List<Due> due(LocalDate today, String filter, int withinDays) {
        return jdbc.sql("select * from (" + ReclaimStatus.sql(":today", ":zone", filter)
                        + ") r where days_until_reclaim <= :within order by days_until_reclaim, customer_id")
                .param("today", today)
                .param("zone", zone.zone().getId())
                .param("within", withinDays)
                .query((rs, row) -> new Due(
                        rs.getLong("customer_id"),
                        rs.getLong("owner_id"),
                        rs.getLong("pool_id"),
                        rs.getInt("days_until_reclaim"),
                        rs.getString("rule"),
                        rs.getInt("rule_days")))
                .list();
    }
}
