package dev.retain.loyalty;

import dev.retain.platform.CompanyZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One member's ledger, changed under the lock of the member's row: locking (and creating) the row, bringing the lots
 * up to date first (pending points whose days are over, points past their last day), taking points from lots closest
 * to expiry first, and posting a transaction with its entries and draws — the insert path of every transaction that
 * takes points from lots.
 */
@Component
class MemberLedger {

    /** The member's wallet as the ledger has it, read under the lock. */
    record Locked(long customerId, long active, long pending) {}

    /** Points taken from a lot. */
    record Draw(long lotId, LedgerAccount account, long points) {}

    /** A transaction to post; its entries must sum to zero. */
    record Posting(
            long customerId,
            long id,
            LoyaltyReason reason,
            String idempotencyKey,
            boolean keyClaimed,
            Long orderId,
            String note,
            String actor,
            Map<LedgerAccount, Long> entries,
            List<Draw> draws) {}

    private final JdbcClient jdbc;
    private final LotRuns lots;
    private final CompanyZone zone;
    private final Clock clock;

    MemberLedger(JdbcClient jdbc, LotRuns lots, CompanyZone zone, Clock clock) {
        this.jdbc = jdbc;
        this.lots = lots;
        this.zone = zone;
        this.clock = clock;
    }

    long nextTransactionId() {
        return jdbc.sql("select nextval('loyalty_transaction_ids')")
                .query(Long.class)
                .single();
    }

    /** Locks the member's row, creating it the first time, and brings the member's lots up to date. */
    Locked lock(long customerId) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into loyalty_members (customer_id, created_at, updated_at) values (?, ?, ?)
                        on conflict do nothing""")
                .params(customerId, Timestamp.from(now), Timestamp.from(now))
                .update();
        Locked locked = read(customerId, true);
        // one round trip for both: this runs before every change of a member's points
        boolean[] due = jdbc.sql("select exists (" + LotRuns.DUE_FOR_ACTIVATION + " and customer_id = :id), exists ("
                        + LotRuns.DUE_FOR_EXPIRY + " and customer_id = :id)")
                .param("now", Timestamp.from(now))
                .param("today", java.sql.Date.valueOf(zone.today(clock)))
                .param("id", customerId)
                .query((rs, row) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)})
                .single();
        boolean activationDue = due[0];
        boolean expiryDue = due[1];
        if (!activationDue && !expiryDue) {
            return locked;
        }
        MemberScope scope = MemberScope.one(customerId);
        if (activationDue) {
            lots.activate(scope, now);
        }
        if (expiryDue) {
            lots.expire(scope, zone.today(clock), now);
        }
        return read(customerId, false);
    }

    private Locked read(long customerId, boolean forUpdate) {
        return jdbc.sql("select active, pending from loyalty_members where customer_id = ?"
                        + (forUpdate ? " for update" : ""))
                .param(customerId)
                .query((rs, row) -> new Locked(customerId, rs.getLong(1), rs.getLong(2)))
                .single();
    }

    /**
     * Takes up to {@code points} from the member's lots with points left, closest to expiry first: spendable lots, then
     * (with {@code pendingToo}) pending ones; only the lots of {@code orderId} when it is given. Returns what it took,
     * which may be less than asked.
     */
    List<Draw> take(long customerId, long points, boolean pendingToo, Long orderId) {
        return take(customerId, points, pendingToo, orderId, null);
    }

    /** Takes up to {@code points} from these lots of the member (pending or spendable), closest to expiry first. */
    List<Draw> takeFromLots(long customerId, long points, List<Long> lotIds) {
        return lotIds.isEmpty() ? List.of() : take(customerId, points, true, null, lotIds);
    }

    private List<Draw> take(long customerId, long points, boolean pendingToo, Long orderId, List<Long> lotIds) {
        List<Draw> available = jdbc.sql("select id, state, remaining from loyalty_lots"
                        + " where customer_id = :customer and remaining > 0"
                        + (pendingToo ? "" : " and state = 'ACTIVE'")
                        + (orderId == null ? "" : " and order_id = :order")
                        + (lotIds == null ? "" : " and id = any (:lots)")
                        + " order by state = 'PENDING', expires_on nulls last, id")
                .param("customer", customerId)
                .param("order", orderId)
                .param("lots", lotIds == null ? null : lotIds.toArray(Long[]::new))
                .query((rs, row) -> new Draw(rs.getLong(1), LedgerAccount.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
        List<Draw> draws = new ArrayList<>();
        long left = points;
        for (Draw lot : available) {
            if (left == 0) {
                break;
            }
            long taken = Math.min(left, lot.points());
            draws.add(new Draw(lot.lotId(), lot.account(), taken));
            left -= taken;
        }
        if (!draws.isEmpty()) {
            jdbc.sql("""
                            update loyalty_lots l set remaining = l.remaining - d.points
                            from unnest(:ids, :points) as d (id, points)
                            where l.customer_id = :customer and l.id = d.id""")
                    .param("ids", draws.stream().map(Draw::lotId).toArray(Long[]::new))
                    .param("points", draws.stream().map(Draw::points).toArray(Long[]::new))
                    .param("customer", customerId)
                    .update();
        }
        return draws;
    }

    /** The points of draws, per wallet account they came from. */
    static Map<LedgerAccount, Long> byAccount(List<Draw> draws) {
        Map<LedgerAccount, Long> sums = new EnumMap<>(LedgerAccount.class);
        draws.forEach(draw -> sums.merge(draw.account(), draw.points(), Long::sum));
        return sums;
    }

    /**
     * Posts a transaction of a locked member: its entries (which must sum to zero), its draws, its key (unless claimed
     * already) and the member's wallet. Returns the wallet right after.
     */
    Locked post(Posting posting) {
        Map<LedgerAccount, Long> entries = new EnumMap<>(LedgerAccount.class);
        posting.entries().forEach((account, points) -> {
            if (points != 0) {
                entries.put(account, points);
            }
        });
        long sum = entries.values().stream().mapToLong(Long::longValue).sum();
        if (entries.isEmpty() || sum != 0) {
            throw new IllegalStateException("a loyalty transaction's entries must sum to zero: " + entries);
        }
        Instant now = clock.instant();
        Locked after = jdbc.sql("""
                        update loyalty_members set active = active + ?, pending = pending + ?, updated_at = ?
                        where customer_id = ? returning active, pending""")
                .params(
                        entries.getOrDefault(LedgerAccount.ACTIVE, 0L),
                        entries.getOrDefault(LedgerAccount.PENDING, 0L),
                        Timestamp.from(now),
                        posting.customerId())
                .query((rs, row) -> new Locked(posting.customerId(), rs.getLong(1), rs.getLong(2)))
                .single();
        jdbc.sql("""
                        insert into loyalty_transactions (customer_id, id, reason, idempotency_key, order_id, note, actor,
                                                          at, active_after, pending_after)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        posting.customerId(),
                        posting.id(),
                        posting.reason().name(),
                        posting.idempotencyKey(),
                        posting.orderId(),
                        posting.note(),
                        posting.actor(),
                        Timestamp.from(now),
                        after.active(),
                        after.pending())
                .update();
        if (!posting.keyClaimed()) {
            jdbc.sql("""
                            insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at)
                            values (?, ?, ?, ?)""")
                    .params(posting.idempotencyKey(), posting.customerId(), posting.id(), Timestamp.from(now))
                    .update();
        }
        jdbc.sql("""
                        insert into loyalty_entries (customer_id, transaction_id, account, points)
                        select :customer, :id, account, points from unnest(:accounts, :points) as e (account, points)""")
                .param("customer", posting.customerId())
                .param("id", posting.id())
                .param("accounts", entries.keySet().stream().map(Enum::name).toArray(String[]::new))
                .param("points", entries.values().toArray(Long[]::new))
                .update();
        if (!posting.draws().isEmpty()) {
            jdbc.sql("""
                            insert into loyalty_draws (customer_id, transaction_id, lot_id, points)
                            select :customer, :id, lot_id, sum(points) from unnest(:lots, :points) as d (lot_id, points)
                            group by lot_id""")
                    .param("customer", posting.customerId())
                    .param("id", posting.id())
                    .param("lots", posting.draws().stream().map(Draw::lotId).toArray(Long[]::new))
                    .param("points", posting.draws().stream().map(Draw::points).toArray(Long[]::new))
                    .update();
        }
        return after;
    }
}
