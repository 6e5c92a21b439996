package dev.retain.loyalty;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The set-based steps on lots, for one member or for all of them at once, always over members the transaction has
 * locked ({@link MemberScope}): pending lots that became spendable, lots past their last day, and debts settled from
 * points that became spendable. Each writes at most one transaction per member, keyed by the member and the newest
 * lot it covers, so a step run again finds nothing left to do and writes nothing.
 */
@Component
class LotRuns {

    private final JdbcClient jdbc;

    LotRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Candidate members with pending lots spendable at {@code now} (named parameter {@code now}). */
    static final String DUE_FOR_ACTIVATION =
            "select customer_id from loyalty_lots where state = 'PENDING' and remaining > 0 and available_at <= cast(:now as timestamptz)";

    /** Candidate members with lots past their last day before {@code today} (named parameter {@code today}). */
    static final String DUE_FOR_EXPIRY =
            "select customer_id from loyalty_lots where remaining > 0 and expires_on < :today";

    /**
     * Pending lots whose days are over become spendable: per member an ACTIVATION transaction moves their points from
     * PENDING to ACTIVE; members who owed points pay their debt from them. Returns how many members it covered.
     */
    int activate(MemberScope scope, Instant now) {
        record Activated(int members, List<Long> debtors) {}
        Activated activated = jdbc.sql("""
                        with due as (
                            select customer_id, id, remaining from loyalty_lots
                            where state = 'PENDING' and remaining > 0 and available_at <= cast(:now as timestamptz) and %s
                        ), flipped as (
                            update loyalty_lots l set state = 'ACTIVE' from due d
                            where l.customer_id = d.customer_id and l.id = d.id
                            returning l.customer_id
                        ), per_member as (
                            select g.*, nextval('loyalty_transaction_ids') as tx from (
                                select customer_id, sum(remaining) as points, max(id) as last_lot
                                from due group by customer_id) g
                        ), members as (
                            update loyalty_members m
                            set active = m.active + p.points, pending = m.pending - p.points, updated_at = cast(:now as timestamptz)
                            from per_member p where m.customer_id = p.customer_id
                            returning m.customer_id, m.active, m.pending, m.active - p.points as active_before
                        ), transactions as (
                            insert into loyalty_transactions (customer_id, id, reason, idempotency_key, actor, at,
                                                              active_after, pending_after)
                            select p.customer_id, p.tx, 'ACTIVATION', 'activation:' || p.customer_id || ':' || p.last_lot,
                                   'system', cast(:now as timestamptz), m.active, m.pending
                            from per_member p join members m on m.customer_id = p.customer_id
                            returning customer_id
                        ), keys as (
                            insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at)
                            select 'activation:' || customer_id || ':' || last_lot, customer_id, tx, cast(:now as timestamptz) from per_member
                            returning customer_id
                        ), entries as (
                            insert into loyalty_entries (customer_id, transaction_id, account, points)
                            select customer_id, tx, 'PENDING', -points from per_member
                            union all
                            select customer_id, tx, 'ACTIVE', points from per_member
                            returning customer_id
                        )
                        select (select count(*) from per_member),
                               array(select customer_id from members where active_before < 0)""".formatted(scope.members("customer_id")))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new Activated(
                        rs.getInt(1), List.of((Long[]) rs.getArray(2).getArray())))
                .single();
        settle(activated.debtors());
        return activated.members();
    }

    /**
     * Lots past their last day (before {@code today}) run out: per member an EXPIRY transaction moves what is left of
     * them to EXPIRED, with a draw on each lot. Returns how many members lost points.
     */
    int expire(MemberScope scope, LocalDate today, Instant now) {
        return jdbc.sql("""
                        with due as (
                            select customer_id, id, state, remaining from loyalty_lots
                            where remaining > 0 and expires_on < :today and %s
                        ), drained as (
                            update loyalty_lots l set remaining = 0 from due d
                            where l.customer_id = d.customer_id and l.id = d.id
                            returning l.customer_id
                        ), per_member as (
                            select g.*, nextval('loyalty_transaction_ids') as tx from (
                                select customer_id,
                                       coalesce(sum(remaining) filter (where state = 'ACTIVE'), 0) as active,
                                       coalesce(sum(remaining) filter (where state = 'PENDING'), 0) as pending,
                                       max(id) as last_lot
                                from due group by customer_id) g
                        ), members as (
                            update loyalty_members m
                            set active = m.active - p.active, pending = m.pending - p.pending, updated_at = cast(:now as timestamptz)
                            from per_member p where m.customer_id = p.customer_id
                            returning m.customer_id, m.active, m.pending
                        ), transactions as (
                            insert into loyalty_transactions (customer_id, id, reason, idempotency_key, actor, at,
                                                              active_after, pending_after)
                            select p.customer_id, p.tx, 'EXPIRY', 'expiry:' || p.customer_id || ':' || p.last_lot,
                                   'system', cast(:now as timestamptz), m.active, m.pending
                            from per_member p join members m on m.customer_id = p.customer_id
                            returning customer_id
                        ), keys as (
                            insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at)
                            select 'expiry:' || customer_id || ':' || last_lot, customer_id, tx, cast(:now as timestamptz) from per_member
                            returning customer_id
                        ), entries as (
                            insert into loyalty_entries (customer_id, transaction_id, account, points)
                            select customer_id, tx, 'ACTIVE', -active from per_member where active > 0
                            union all
                            select customer_id, tx, 'PENDING', -pending from per_member where pending > 0
                            union all
                            select customer_id, tx, 'EXPIRED', active + pending from per_member
                            returning customer_id
                        ), draws as (
                            insert into loyalty_draws (customer_id, transaction_id, lot_id, points)
                            select d.customer_id, p.tx, d.id, d.remaining
                            from due d join per_member p on p.customer_id = d.customer_id
                            returning customer_id
                        )
                        select count(*) from per_member""".formatted(scope.members("customer_id")))
                .param("today", Date.valueOf(today))
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .single();
    }

    /**
     * Members who owed points (a refund of points already spent) pay the debt from the spendable lots they have now,
     * closest to expiry first: the ledger counted the new points against the debt already, so only the lots change,
     * each draw linked to the member's newest transaction — the one that brought the points.
     */
    void settle(List<Long> debtors) {
        if (debtors.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        with members as (
                            select m.customer_id, greatest(m.active, 0) as covered,
                                   (select max(t.id) from loyalty_transactions t where t.customer_id = m.customer_id) as tx
                            from loyalty_members m where m.customer_id = any (:debtors)
                        ), lots as (
                            select l.customer_id, l.id, l.remaining,
                                   sum(l.remaining) over fifo - l.remaining as before,
                                   sum(l.remaining) over (partition by l.customer_id) as total
                            from loyalty_lots l join members m on m.customer_id = l.customer_id
                            where l.state = 'ACTIVE' and l.remaining > 0
                            window fifo as (partition by l.customer_id order by l.expires_on nulls last, l.id
                                            rows unbounded preceding)
                        ), takes as (
                            select l.customer_id, l.id, m.tx, least(l.remaining, l.total - m.covered - l.before) as points
                            from lots l join members m on m.customer_id = l.customer_id
                            where l.total - m.covered > l.before
                        ), taken as (
                            update loyalty_lots l set remaining = l.remaining - t.points from takes t
                            where l.customer_id = t.customer_id and l.id = t.id
                            returning l.customer_id
                        )
                        insert into loyalty_draws (customer_id, transaction_id, lot_id, points)
                        select customer_id, tx, id, points from takes""").param("debtors", debtors.toArray(Long[]::new)).update();
    }
}
