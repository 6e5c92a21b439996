package dev.retain.loyalty;

import dev.retain.loyalty.MemberLedger.Draw;
import dev.retain.loyalty.MemberLedger.Locked;
import dev.retain.loyalty.MemberLedger.Posting;
import dev.retain.platform.CompanyZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points follow orders: the points each paid order is due — its amount in the base currency net of returns, times the
 * points per unit of its rule and the earning multiplier of the member's tier at the time of the order, rounded, plus
 * the first-order bonus — are compared with the points it holds, and the difference is written. A new paid order
 * (placed on or after the programme's first day) earns under the current rule, its transaction noting the tier and
 * multiplier; an order that holds points keeps its rule and multiplier. A refund, a cancellation or a return lowers what the order is due, and
 * exactly the difference is taken back; an order no longer paid is due nothing. Run for the customers whose orders
 * changed, or for everyone in one set-based pass; run again, it finds nothing to do.
 */
@Component
class OrderEarning {

    private static final Logger log = LoggerFactory.getLogger(OrderEarning.class);

    /** What a run did: orders that earned points, and orders whose points were taken back. */
    record Result(int awarded, int reversed) {}

    private record Reversal(long customerId, long orderId, long points, int transactions) {}

    private final JdbcClient jdbc;
    private final MemberLedger ledger;
    private final Awarding awarding;
    private final LotRuns lots;
    private final CampaignEarning campaigns;
    private final LoyaltyProgramme programme;
    private final CompanyZone zone;
    private final Clock clock;

    OrderEarning(
            JdbcClient jdbc,
            MemberLedger ledger,
            Awarding awarding,
            LotRuns lots,
            CampaignEarning campaigns,
            LoyaltyProgramme programme,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.awarding = awarding;
        this.lots = lots;
        this.campaigns = campaigns;
        this.programme = programme;
        this.zone = zone;
        this.clock = clock;
    }

    /** Brings the points of these customers' orders (null: everyone's) in line with the orders. */
    @Transactional
    Result run(List<Long> customerIds) {
        ProgrammeSettings settings = programme.settings();
        boolean anyHeld = jdbc.sql("select exists (select 1 from loyalty_order_points)")
                .query(Boolean.class)
                .single();
        if (!settings.enabled() && !anyHeld) {
            return new Result(0, 0);
        }
        lockOrderPoints(jdbc);
        Instant now = clock.instant();
        Long[] ids = customerIds == null ? null : customerIds.toArray(Long[]::new);
        jdbc.sql("drop table if exists loyalty_due").update();
        boolean everyone = ids == null;
        boolean anyMultipliers = jdbc.sql("select exists (select 1 from loyalty_rule_multipliers)")
                .query(Boolean.class)
                .single();
        String weights = anyMultipliers
                ? WEIGHTS.replace("%lines%", everyone ? "true" : "l.customer_id = any (:ids)")
                : NO_WEIGHTS;
        jdbc.sql(DUE.replace("%weights%", weights)
                        .replace("%scope%", everyone ? "true" : "customer_id = any (:ids)")
                        .replace("%orders%", everyone ? "true" : "o.id in (select id from in_question)")
                        .replace("%held%", everyone ? "true" : "p.order_id in (select id from in_question)"))
                .param("ids", ids)
                .param("zone", zone.zone().getId())
                .update();
        int changed = jdbc.sql("select count(*) from loyalty_due where due <> held")
                .query(Integer.class)
                .single();
        int bonusesChanged = campaigns.stage();
        if (changed == 0 && bonusesChanged == 0) {
            return new Result(0, 0);
        }
        jdbc.sql("""
                        insert into loyalty_members (customer_id, created_at, updated_at)
                        select distinct customer_id, cast(:now as timestamptz), cast(:now as timestamptz) from loyalty_due where due > held
                        union
                        select customer_id, cast(:now as timestamptz), cast(:now as timestamptz) from loyalty_campaign_due where changed
                        on conflict do nothing""").param("now", Timestamp.from(now)).update();
        MemberScope scope = MemberScope.lock(
                jdbc,
                "select customer_id from loyalty_due where due <> held union " + CampaignEarning.CHANGED_MEMBERS,
                Map.of());
        List<Reversal> reversals = jdbc.sql("""
                        select customer_id, order_id, held - due, transactions from loyalty_due where due < held
                        order by customer_id, order_id""")
                .query((rs, row) -> new Reversal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4)))
                .list();
        for (Reversal reversal : reversals) {
            reverse(reversal, settings.refundShortfall());
        }
        awarding.stage();
        int awarded = jdbc.sql("""
                        insert into loyalty_awarding (id, customer_id, reason, idempotency_key, key_claimed, order_id,
                                                      rule_version, points, earned_on, available_at, actor, note)
                        select g.id, g.customer_id, 'ORDER', 'order:' || g.order_id || ':' || (g.transactions + 1), false,
                               g.order_id, g.rule_version, g.due - g.held, (g.ordered_at at time zone :zone)::date,
                               g.ordered_at + make_interval(days => s.pending_days), 'system',
                               nullif(concat_ws(' · ',
                                   case when g.tier is not null then g.tier || ' ×' || trim_scale(g.multiplier) end,
                                   case when g.birthday_multiplier <> 1
                                        then 'birthday ×' || trim_scale(g.birthday_multiplier) end), '')
                        from (select d.*, nextval('loyalty_transaction_ids') as id from loyalty_due d
                              where d.due > d.held) g
                        cross join loyalty_settings s""").param("zone", zone.zone().getId()).update();
        awarding.writeStaged(now);
        // an order keeps the multiplier it first earned with, whatever tier its member holds later
        jdbc.sql("""
                        update loyalty_order_points p set multiplier = d.multiplier,
                                                          birthday_multiplier = d.birthday_multiplier
                        from loyalty_due d
                        where p.customer_id = d.customer_id and p.order_id = d.order_id and p.multiplier is null
                          and d.transactions = 0 and d.due > 0""").update();
        campaigns.write(settings.refundShortfall(), now);
        // orders from long ago earn points whose last day is past: they run out now, as they would have then
        lots.expire(scope, zone.today(clock), now);
        log.info("Loyalty: {} orders earned points, {} orders' points taken back", awarded, reversals.size());
        return new Result(awarded, reversals.size());
    }

    /**
     * Takes the lock on the orders' record of points until the transaction ends: one run at a time, each seeing what the
     * one before wrote, and no merge or erasure moving an order's points while a run compares them.
     */
    static void lockOrderPoints(JdbcClient jdbc) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('loyalty.order-points'))")
                .query(Object.class)
                .single();
    }

    /**
     * The points each order of the customers concerned is due, next to what it holds (with the rule it earned under and
     * the count of its transactions). New paid orders on or after the programme's first day are due points under the
     * newest rule; an order holding points is due by its own rule whatever the first day; an order not paid (refunded,
     * cancelled, returned in full) or of a customer gone is due nothing.
     */
    private static final String DUE = """
            create temp table loyalty_due on commit drop as
            with in_question as (
                select id from orders_view where %scope%
                union
                select order_id from loyalty_order_points where %scope%
            ), paid as (
                select o.id as order_id, o.customer_id, o.ordered_at, o.base_amount, c.birthday
                from paid_orders_view o join customer_profiles_view c on c.id = o.customer_id
                where %orders%
            ), firsts as (
                select distinct on (o.customer_id) o.customer_id, o.id
                from paid_orders_view o
                where o.customer_id in (select customer_id from paid)
                order by o.customer_id, o.ordered_at, o.id
            ), held as (
                select p.customer_id, p.order_id, p.rule_version, p.points, p.transactions, p.multiplier,
                       p.birthday_multiplier
                from loyalty_order_points p
                where %held%
            ), candidates as (
                select coalesce(h.customer_id, p.customer_id) as customer_id, coalesce(h.order_id, p.order_id) as order_id,
                       p.order_id is not null as paid, p.ordered_at, p.base_amount, p.birthday,
                       f.id is not null as first_order,
                       h.rule_version as held_rule, coalesce(h.points, 0) as held, coalesce(h.transactions, 0) as transactions,
                       h.multiplier as held_multiplier, h.birthday_multiplier as held_birthday
                from paid p
                left join firsts f on f.id = p.order_id
                full join held h on h.order_id = p.order_id
            ), newest as (
                select max(version) as version from loyalty_earning_rules
            ), ruled as (
                select c.*, r.version as rule_version, r.points_per_unit, r.rounding, r.first_order_bonus,
                       r.birthday_multiplier as rule_birthday
                from candidates c
                cross join newest
                join loyalty_earning_rules r on r.version = coalesce(c.held_rule, newest.version)
            ), weights as (
                %weights%
            )
            select c.customer_id, c.order_id, c.ordered_at, c.rule_version, c.held, c.transactions,
                   x.multiplier, x.tier, b.multiplier as birthday_multiplier,
                   case
                       when not c.paid then 0
                       when c.held_rule is null
                            and not (s.enabled and s.earn_from is not null
                                     and c.ordered_at >= (s.earn_from::timestamp at time zone :zone)) then 0
                       else greatest(0,
                                     case c.rounding
                                         when 'DOWN' then floor(e.amount)
                                         when 'UP' then ceil(e.amount)
                                         else round(e.amount)
                                     end::bigint
                                     + case when c.first_order then c.first_order_bonus else 0 end)
                   end as due
            from ruled c
            cross join loyalty_settings s
            left join weights w on w.order_id = c.order_id
            -- the multiplier of the member's tier at the time of the order; an order holding points keeps its own
            cross join lateral (
                select coalesce(c.held_multiplier, 1) as multiplier, null as tier where c.held_rule is not null
                union all
                select coalesce(t.multiplier, 1), t.name
                from (select 1) one
                left join lateral (select th.to_tier_id from loyalty_tier_history th
                                   where th.customer_id = c.customer_id and th.at <= c.ordered_at
                                   order by th.at desc, th.id desc limit 1) h on true
                left join loyalty_tiers t on t.id = h.to_tier_id
                where c.held_rule is null
            ) x
            -- the birthday month's multiplier: an order holding points keeps its own
            cross join lateral (
                select case
                           when c.held_rule is not null then coalesce(c.held_birthday, 1)
                           when extract(month from c.birthday) = extract(month from c.ordered_at at time zone :zone)
                               then c.rule_birthday
                           else 1
                       end as multiplier
            ) b
            -- the amount times every multiplier; the lines' weighted share divided last, so an order whose lines all
            -- earn ×1 earns exactly its amount's points
            cross join lateral (
                select case
                           when w.total > 0 then c.base_amount * c.points_per_unit * x.multiplier * b.multiplier
                                                 * w.weighted / w.total
                           else c.base_amount * c.points_per_unit * x.multiplier * b.multiplier
                       end as amount
            ) e""";

    /**
     * Each paid order's lines weighted by the multiplier of their product, else of their category, else 1, under the
     * order's rule: one pass over the lines in question, only when some version has multipliers.
     */
    private static final String WEIGHTS = """
            select r.order_id, sum(l.line_amount * coalesce(pm.multiplier, cm.multiplier, 1)) as weighted,
                   sum(l.line_amount) as total
            from ruled r
            join paid_order_lines_view l on l.order_id = r.order_id
            left join loyalty_rule_multipliers pm on pm.rule_version = r.rule_version and pm.kind = 'PRODUCT'
                                                 and pm.key = l.sku
            left join loyalty_rule_multipliers cm on cm.rule_version = r.rule_version and cm.kind = 'CATEGORY'
                                                 and cm.key = l.category
            where r.paid and %lines%
            group by r.order_id""";

    private static final String NO_WEIGHTS =
            "select null::bigint as order_id, null::numeric as weighted, null::numeric as total where false";

    /**
     * Takes back what an order earned beyond what it is due now: first what is left of the order's own points (pending
     * or spendable), then — for points of it that ran out — from EXPIRED, so no one loses points twice; the part already
     * spent from the member's other spendable points (with {@code CLAW_BACK} pending ones too), closest to expiry
     * first, and what those do not cover leaves the balance negative.
     */
    private void reverse(Reversal reversal, RefundShortfall shortfall) {
        long customerId = reversal.customerId();
        ledger.lock(customerId);
        List<Draw> draws = new ArrayList<>(ledger.take(customerId, reversal.points(), true, reversal.orderId()));
        long left = reversal.points() - draws.stream().mapToLong(Draw::points).sum();
        long unexpired = Math.min(left, expiredOf(customerId, reversal.orderId()));
        left -= unexpired;
        if (left > 0) {
            List<Draw> others = ledger.take(customerId, left, shortfall == RefundShortfall.CLAW_BACK, null);
            draws.addAll(others);
            left -= others.stream().mapToLong(Draw::points).sum();
        }
        Map<LedgerAccount, Long> entries = new EnumMap<>(LedgerAccount.class);
        MemberLedger.byAccount(draws).forEach((account, points) -> entries.put(account, -points));
        // what nothing covers is owed: the balance goes below zero and the next points pay it back
        entries.merge(LedgerAccount.ACTIVE, -left, Long::sum);
        entries.put(LedgerAccount.EXPIRED, -unexpired);
        entries.put(LedgerAccount.PROGRAMME, reversal.points());
        long id = ledger.nextTransactionId();
        Locked after = ledger.post(new Posting(
                customerId,
                id,
                LoyaltyReason.REFUND,
                "order:" + reversal.orderId() + ":" + (reversal.transactions() + 1),
                false,
                reversal.orderId(),
                null,
                "system",
                entries,
                draws));
        jdbc.sql("""
                        update loyalty_order_points set points = points - ?, transactions = transactions + 1
                        where customer_id = ? and order_id = ?""").params(reversal.points(), customerId, reversal.orderId()).update();
        log.debug(
                "Order {}: {} points taken back from customer {}, now {}",
                reversal.orderId(),
                reversal.points(),
                customerId,
                after.active());
    }

    /** Points of the order's lots that ran out and were not yet taken back by an earlier reversal. */
    private long expiredOf(long customerId, long orderId) {
        return jdbc.sql("""
                        select coalesce((select sum(d.points)
                                         from loyalty_draws d
                                         join loyalty_transactions t on t.customer_id = d.customer_id
                                                                     and t.id = d.transaction_id
                                         join loyalty_lots l on l.customer_id = d.customer_id and l.id = d.lot_id
                                         where d.customer_id = :customer and l.order_id = :order
                                           and t.reason = 'EXPIRY'), 0)
                             + coalesce((select sum(e.points)
                                         from loyalty_entries e
                                         join loyalty_transactions t on t.customer_id = e.customer_id
                                                                     and t.id = e.transaction_id
                                         where t.customer_id = :customer and t.order_id = :order
                                           and t.reason = 'REFUND' and e.account = 'EXPIRED'), 0)""")
                .param("customer", customerId)
                .param("order", orderId)
                .query(Long.class)
                .single();
    }
}
