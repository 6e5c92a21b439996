package dev.retain.sales;

import dev.retain.customers.CustomerOwnersChanged.OwnerChange;
import dev.retain.customers.OwnerTransfers;
import dev.retain.customers.Placements;
import dev.retain.customers.Placements.Placement;
import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Taking customers from a pool and giving them back. A claim is counted exactly under any concurrency: one person's
 * claims take turns (a transaction-scoped lock on the person), so their daily quota and the cap on what they own are
 * counted with nothing in flight; and the customer is taken with one compare-and-set, so of two people claiming it at
 * once exactly one wins and the other is told who was quicker.
 */
@Service
public class PoolClaims {

    static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final Pools pools;
    private final Placements placements;
    private final OwnerTransfers transfers;
    private final PoolMembershipsOfUsers memberships;
    private final UserAccounts users;
    private final AuditLog audit;
    private final CompanyZone zone;
    private final Clock clock;

    PoolClaims(
            JdbcClient jdbc,
            Pools pools,
            Placements placements,
            OwnerTransfers transfers,
            PoolMembershipsOfUsers memberships,
            UserAccounts users,
            AuditLog audit,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.pools = pools;
        this.placements = placements;
        this.transfers = transfers;
        this.memberships = memberships;
        this.users = users;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * The person acting claims a customer waiting in a pool they are a member of.
     *
     * @throws dev.retain.platform.NotFoundException a customer that does not exist or is not in one of their pools
     * @throws ConflictException someone owns it (or took it a moment ago), the daily quota or the cap on owned
     *     customers is reached, the cooldown of a previous owner or the waiting time after a release is not over
     */
    @Transactional
    public void claim(long customerId) {
        UserAccount claimer = actor();
        jdbc.sql("select pg_advisory_xact_lock(hashtext('pool claim'), ?::int)")
                .param(Math.toIntExact(claimer.id()))
                .query()
                .singleRow();
        Placement placement = placements.whereabouts(customerId);
        if (!claimer.roles().contains(Role.ADMIN)
                && !memberships.poolsOf(claimer.id()).contains(placement.poolId())) {
            throw new NotFoundException("Customer", customerId);
        }
        if (!placement.waiting()) {
            throw new ConflictException(
                    placement.ownerId().equals(claimer.id())
                            ? "Customer " + customerId + " is yours already"
                            : "Customer " + customerId + " has an owner");
        }
        Pool pool = pools.rulesOf(placement.poolId());
        Instant now = clock.instant();
        if (pool.dailyClaimQuota() != null) {
            int today = jdbc.sql(
                            "select claims from customer_pool_claim_counts where user_id = ? and pool_id = ? and day = ?")
                    .params(claimer.id(), pool.id(), zone.today(clock))
                    .query(Integer.class)
                    .optional()
                    .orElse(0);
            if (today >= pool.dailyClaimQuota()) {
                throw new ConflictException("You have claimed " + today + " customers from " + pool.name()
                        + " today, the daily quota of " + pool.dailyClaimQuota());
            }
        }
        if (pool.maxOwned() != null) {
            long owned = jdbc.sql("select count(*) from customer_profiles_view where owner_id = ?")
                    .param(claimer.id())
                    .query(Long.class)
                    .single();
            if (owned >= pool.maxOwned()) {
                throw new ConflictException("You own " + owned + " customers, the most " + pool.name() + " allows ("
                        + pool.maxOwned() + "); release some first");
            }
        }
        lastRelease(customerId).ifPresent(release -> {
            Instant cooledDown = release.at().plus(Duration.ofDays(pool.reclaimCooldownDays()));
            if (claimer.id() == release.fromOwner() && cooledDown.isAfter(now)) {
                throw new ConflictException("You had this customer until " + release.at() + "; you may claim it again"
                        + " from " + cooledDown);
            }
            Instant claimable = release.at().plus(Duration.ofHours(pool.claimDelayHours()));
            if (claimable.isAfter(now)) {
                throw new ConflictException("Customer " + customerId + " can be claimed from " + claimable);
            }
        });
        if (!placements.take(customerId, claimer.id())) {
            throw new ConflictException("Someone claimed customer " + customerId + " a moment ago");
        }
        jdbc.sql("""
                        insert into customer_pool_claim_counts (user_id, pool_id, day, claims) values (?, ?, ?, 1)
                        on conflict (user_id, pool_id, day) do update set claims = customer_pool_claim_counts.claims + 1""").params(claimer.id(), pool.id(), zone.today(clock)).update();
        record(customerId, pool.id(), PoolMoveKind.CLAIMED, null, claimer.id(), null);
    }

    /**
     * Gives customers back to a pool ({@code poolId}, or null: each to its own) with a reason. Their owner may; a
     * manager or admin for anyone they see, and moves customers already waiting to the pool given.
     *
     * @return the customers released or moved (those already waiting there are left as they are)
     */
    @Transactional
    public List<Long> release(List<Long> customerIds, Long poolId, String reason) {
        requireReason(reason);
        requireCustomers(customerIds);
        UserAccount actor = actor();
        if (poolId != null) {
            pools.find(poolId);
        }
        List<OwnerChange> owned = new ArrayList<>();
        List<Long> waiting = new ArrayList<>();
        for (long customerId : customerIds) {
            Placement placement = placements.of(customerId);
            if (placement.waiting()) {
                waiting.add(customerId);
                continue;
            }
            boolean mayRelease = placement.ownerId() == actor.id()
                    || actor.roles().contains(Role.ADMIN)
                    || actor.roles().contains(Role.MANAGER);
            if (!mayRelease) {
                throw new AccessDeniedException("Only its owner or a manager releases customer " + customerId);
            }
            owned.add(new OwnerChange(customerId, placement.ownerId()));
        }
        List<Long> moved = new ArrayList<>();
        if (poolId != null && !waiting.isEmpty()) {
            if (!actor.roles().contains(Role.ADMIN) && !actor.roles().contains(Role.MANAGER)) {
                throw new AccessDeniedException("Only a manager moves waiting customers to another pool");
            }
            for (Placement left : placements.moveWaiting(waiting, poolId)) {
                record(left.customerId(), poolId, PoolMoveKind.MOVED, null, null, reason.strip());
                moved.add(left.customerId());
            }
        }
        List<OwnerChange> released = placements.putInPool(owned, poolId);
        for (OwnerChange change : released) {
            record(
                    change.customerId(),
                    placements.of(change.customerId()).poolId(),
                    PoolMoveKind.RELEASED,
                    change.fromOwner(),
                    null,
                    reason.strip());
        }
        moved.addAll(released.stream().map(OwnerChange::customerId).toList());
        return moved;
    }

    /**
     * Gives customers waiting in a pool to someone: a manager or admin as any transfer (its rules apply); an admin of
     * the pool to one of its members.
     *
     * @return the customers given (those that found an owner meanwhile are left out)
     */
    @Transactional
    public List<Long> assign(List<Long> customerIds, long toOwner, String reason) {
        requireReason(reason);
        requireCustomers(customerIds);
        UserAccount actor = actor();
        List<Placement> waiting = customerIds.stream()
                .map(placements::of)
                .filter(Placement::waiting)
                .toList();
        List<Long> assigned;
        if (actor.roles().contains(Role.ADMIN) || actor.roles().contains(Role.MANAGER)) {
            assigned = waiting.isEmpty()
                    ? List.of()
                    : transfers.transfer(
                            waiting.stream().map(Placement::customerId).toList(), toOwner, reason.strip(), false);
        } else {
            var theirs = memberships.poolsOf(toOwner);
            for (Placement placement : waiting) {
                if (!memberships.administers(actor.id(), placement.poolId())) {
                    throw new AccessDeniedException(
                            "Only a manager or an admin of its pool assigns customer " + placement.customerId());
                }
                if (!theirs.contains(placement.poolId())) {
                    throw new InvalidInputException("toOwner", "not a member of pool " + placement.poolId());
                }
            }
            assigned = waiting.stream()
                    .filter(placement -> placements.take(placement.customerId(), toOwner))
                    .map(Placement::customerId)
                    .toList();
        }
        waiting.stream()
                .filter(placement -> assigned.contains(placement.customerId()))
                .forEach(placement -> record(
                        placement.customerId(),
                        placement.poolId(),
                        PoolMoveKind.ASSIGNED,
                        null,
                        toOwner,
                        reason.strip()));
        return assigned;
    }

    /** A manager keeps a customer with its owner whatever the reclaim rules say, until unlocked. */
    @Transactional
    public void lock(long customerId, String reason) {
        requireReason(reason);
        requireManager();
        placements.of(customerId);
        jdbc.sql("""
                        insert into customer_pool_locks (customer_id, locked_by, reason, at) values (?, ?, ?, ?)
                        on conflict (customer_id) do update set locked_by = excluded.locked_by,
                            reason = excluded.reason, at = excluded.at""")
                .params(customerId, AuditLog.currentActor(), reason.strip(), Timestamp.from(clock.instant()))
                .update();
        audit.record("lock", "pool_customer", customerId, null, Map.of("reason", reason.strip()));
    }

    @Transactional
    public void unlock(long customerId) {
        requireManager();
        placements.of(customerId);
        if (jdbc.sql("delete from customer_pool_locks where customer_id = ?")
                        .param(customerId)
                        .update()
                > 0) {
            audit.record("unlock", "pool_customer", customerId, null, null);
        }
    }

    /** Who keeps a customer with its owner, and why. */
    public record Lock(String lockedBy, String reason, Instant at) {}

    public java.util.Optional<Lock> lockOf(long customerId) {
        return jdbc.sql("select locked_by, reason, at from customer_pool_locks where customer_id = ?")
                .param(customerId)
                .query((rs, row) -> new Lock(
                        rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .optional();
    }

    private record Release(long fromOwner, Instant at) {}

    private java.util.Optional<Release> lastRelease(long customerId) {
        return jdbc.sql("""
                        select from_owner, at from customer_pool_moves
                        where customer_id = ? and kind in ('RELEASED', 'RECLAIMED')
                        order by at desc, id desc limit 1""")
                .param(customerId)
                .query((rs, row) ->
                        new Release(rs.getLong(1), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    void record(long customerId, long poolId, PoolMoveKind kind, Long from, Long to, String reason) {
        jdbc.sql("select record_pool_move(?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        customerId,
                        poolId,
                        kind.name(),
                        from,
                        to,
                        reason,
                        AuditLog.currentActor(),
                        Timestamp.from(clock.instant()))
                .query()
                .singleRow();
        audit.record(
                kind.name().toLowerCase(java.util.Locale.ROOT),
                "pool_customer",
                customerId,
                from == null ? null : Map.of("ownerId", from),
                to == null ? Map.of("poolId", poolId) : Map.of("ownerId", to));
    }

    private UserAccount actor() {
        return users.current()
                .orElseThrow(() -> new AccessDeniedException("Claiming and releasing need a person, not a system key"));
    }

    private void requireManager() {
        UserAccount actor = actor();
        if (!actor.roles().contains(Role.ADMIN) && !actor.roles().contains(Role.MANAGER)) {
            throw new AccessDeniedException("Only a manager or an admin locks customers to their owner");
        }
    }

    private static void requireCustomers(List<Long> customerIds) {
        if (customerIds == null || customerIds.isEmpty() || customerIds.size() > OwnerTransfers.MAX_CUSTOMERS) {
            throw new InvalidInputException(
                    "customerIds", "between 1 and " + OwnerTransfers.MAX_CUSTOMERS + " customers");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new InvalidInputException("reason", "say why, in at most " + MAX_REASON + " characters");
        }
    }
}
