package dev.retain.loyalty;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes awards — an order's points, points from a campaign, a referral or an adjustment — for one member or a million
 * at once: each a transaction from PROGRAMME to the member's PENDING (until {@code available_at}) or ACTIVE points,
 * and a lot that expires by the programme's current expiry. The awards are staged in the temporary table
 * {@code loyalty_awarding} ({@link #stage}); the members must be locked ({@link MemberScope}).
 */
@Component
class Awarding {

    /**
     * One award to write; {@code keyClaimed} when the caller holds its idempotency key already. A {@code transferred}
     * award is a lot moving from another member: it comes from TRANSFER instead of PROGRAMME and keeps its
     * {@code expiresOn} (null: never); the others expire by the programme's current expiry.
     */
    record Award(
            long transactionId,
            long customerId,
            LoyaltyReason reason,
            String idempotencyKey,
            boolean keyClaimed,
            Long orderId,
            Integer ruleVersion,
            long points,
            LocalDate earnedOn,
            Instant availableAt,
            String note,
            String actor,
            boolean transferred,
            LocalDate expiresOn) {

        /** An award from the programme, expiring by its current expiry. */
        static Award issued(
                long transactionId,
                long customerId,
                LoyaltyReason reason,
                String idempotencyKey,
                boolean keyClaimed,
                Long orderId,
                Integer ruleVersion,
                long points,
                LocalDate earnedOn,
                Instant availableAt,
                String note,
                String actor) {
            return new Award(
                    transactionId,
                    customerId,
                    reason,
                    idempotencyKey,
                    keyClaimed,
                    orderId,
                    ruleVersion,
                    points,
                    earnedOn,
                    availableAt,
                    note,
                    actor,
                    false,
                    null);
        }
    }

    private final JdbcClient jdbc;
    private final LotRuns lots;

    Awarding(JdbcClient jdbc, LotRuns lots) {
        this.jdbc = jdbc;
        this.lots = lots;
    }

    /** Creates the empty staging table {@code loyalty_awarding}, dropped at the commit. */
    void stage() {
        jdbc.sql("drop table if exists loyalty_awarding").update();
        jdbc.sql("""
                        create temp table loyalty_awarding (
                            id bigint primary key, customer_id bigint not null, reason text not null,
                            idempotency_key text not null, key_claimed boolean not null, order_id bigint,
                            rule_version int, points bigint not null check (points > 0), earned_on date not null,
                            available_at timestamptz not null, note text, actor text not null,
                            transferred boolean not null default false, expires_on date
                        ) on commit drop""").update();
    }

    /** Writes awards of members the caller has locked. */
    void award(List<Award> awards, Instant now) {
        stage();
        awards.forEach(this::insert);
        writeStaged(now);
    }

    private void insert(Award award) {
        jdbc.sql("insert into loyalty_awarding values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        award.transactionId(),
                        award.customerId(),
                        award.reason().name(),
                        award.idempotencyKey(),
                        award.keyClaimed(),
                        award.orderId(),
                        award.ruleVersion(),
                        award.points(),
                        Date.valueOf(award.earnedOn()),
                        Timestamp.from(award.availableAt()),
                        award.note(),
                        award.actor(),
                        award.transferred(),
                        award.expiresOn() == null ? null : Date.valueOf(award.expiresOn()))
                .update();
    }

    /**
     * Writes the staged awards, whose members are locked; debts of members who owed points are settled from the new
     * spendable points. Returns how many were written.
     */
    int writeStaged(Instant now) {
        int awarded = jdbc.sql("select count(*) from loyalty_awarding")
                .query(Integer.class)
                .single();
        if (awarded == 0) {
            return 0;
        }
        List<Long> debtors = jdbc.sql("""
                        with a as (
                            select w.*, case when w.available_at > cast(:now as timestamptz) then 'PENDING' else 'ACTIVE' end as state,
                                   s.expiry, s.expiry_months, s.expiry_days
                            from loyalty_awarding w cross join loyalty_settings s
                        ), per_member as (
                            select customer_id,
                                   coalesce(sum(points) filter (where state = 'ACTIVE'), 0) as active,
                                   coalesce(sum(points) filter (where state = 'PENDING'), 0) as pending
                            from a group by customer_id
                        ), members as (
                            update loyalty_members m
                            set active = m.active + p.active, pending = m.pending + p.pending, updated_at = cast(:now as timestamptz)
                            from per_member p where m.customer_id = p.customer_id
                            returning m.customer_id, m.active, m.pending, m.active - p.active as active_before
                        ), running as (
                            select a.*,
                                   m.active - coalesce(sum(case when a.state = 'ACTIVE' then a.points end) over later, 0)
                                       as active_after,
                                   m.pending - coalesce(sum(case when a.state = 'PENDING' then a.points end) over later, 0)
                                       as pending_after
                            from a join members m on m.customer_id = a.customer_id
                            window later as (partition by a.customer_id order by a.id
                                             rows between 1 following and unbounded following)
                        ), transactions as (
                            insert into loyalty_transactions (customer_id, id, reason, idempotency_key, order_id, note,
                                                              actor, at, active_after, pending_after)
                            select customer_id, id, reason, idempotency_key, order_id, note, actor, cast(:now as timestamptz), active_after,
                                   pending_after
                            from running
                            returning customer_id
                        ), keys as (
                            insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at)
                            select idempotency_key, customer_id, id, cast(:now as timestamptz) from a where not key_claimed
                            returning customer_id
                        ), entries as (
                            insert into loyalty_entries (customer_id, transaction_id, account, points)
                            select customer_id, id, case when transferred then 'TRANSFER' else 'PROGRAMME' end, -points
                            from a
                            union all
                            select customer_id, id, state, points from a
                            returning customer_id
                        ), new_lots as (
                            insert into loyalty_lots (customer_id, id, state, order_id, rule_version, points, remaining,
                                                      earned_on, available_at, expires_on)
                            select customer_id, id, state, order_id, rule_version, points, points, earned_on,
                                   available_at,
                                   case when transferred then expires_on
                                        else loyalty_expires_on(earned_on, expiry, expiry_months, expiry_days) end
                            from a
                            returning customer_id
                        ), orders as (
                            insert into loyalty_order_points (customer_id, order_id, rule_version, points, transactions)
                            select customer_id, order_id, rule_version, points, 1 from a
                            where order_id is not null and not transferred
                            on conflict (customer_id, order_id) do update
                                set points = loyalty_order_points.points + excluded.points,
                                    transactions = loyalty_order_points.transactions + 1
                            returning customer_id
                        )
                        select customer_id from members where active_before < 0""")
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .list();
        lots.settle(debtors);
        return awarded;
    }
}
