package dev.retain.loyalty;

import dev.retain.loyalty.MemberLedger.Draw;
import dev.retain.loyalty.MemberLedger.Posting;
import dev.retain.platform.CompanyZone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Campaign bonuses follow orders, within the run of {@link OrderEarning}: an earning order placed in a campaign's
 * window that meets its minimum amount and category is due the campaign's bonus (fixed points, or its points times the
 * multiplier less one). The first time, the bonus is granted within what is left of the campaign's budget and the
 * member's limit (campaign rows locked, orders in the order they were placed) and that grant is kept; later the order is
 * due at most its grant, so a refund takes back the bonus by comparing what is due with what is held, and a budget
 * raised later gives nothing to orders already decided. Each bonus is a CAMPAIGN transaction of its own, keyed by
 * campaign and order.
 */
@Component
class CampaignEarning {

    private record Reversal(
            long customerId, long campaignId, long orderId, String name, long points, int transactions) {}

    private final JdbcClient jdbc;
    private final MemberLedger ledger;
    private final Awarding awarding;
    private final CompanyZone zone;

    CampaignEarning(JdbcClient jdbc, MemberLedger ledger, Awarding awarding, CompanyZone zone) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.awarding = awarding;
        this.zone = zone;
    }

    /**
     * Stages {@code loyalty_campaign_due} from {@code loyalty_due} (before the orders' points are written) and returns
     * how many orders' bonuses may change.
     */
    int stage() {
        jdbc.sql("drop table if exists loyalty_campaign_due").update();
        boolean any = jdbc.sql("select exists (select 1 from loyalty_campaigns)")
                .query(Boolean.class)
                .single();
        if (!any) {
            jdbc.sql("""
                            create temp table loyalty_campaign_due (customer_id bigint, order_id bigint,
                                campaign_id bigint, ordered_at timestamptz, held bigint, transactions int,
                                granted bigint, wanted bigint, changed boolean) on commit drop""").update();
            return 0;
        }
        jdbc.sql("""
                        create temp table loyalty_campaign_due on commit drop as
                        with pairs as (
                            select d.customer_id, d.order_id, d.ordered_at, d.due, c.id as campaign_id
                            from loyalty_due d
                            join loyalty_campaigns c on d.ordered_at >= c.starts_at and d.ordered_at < c.ends_at
                            where d.due > 0
                        ), held as (
                            select h.* from loyalty_campaign_orders h
                            where h.order_id in (select order_id from loyalty_due)
                        ), joined as (
                            select coalesce(h.customer_id, p.customer_id) as customer_id,
                                   coalesce(h.order_id, p.order_id) as order_id,
                                   coalesce(h.campaign_id, p.campaign_id) as campaign_id,
                                   p.ordered_at, coalesce(h.points, 0) as held, coalesce(h.transactions, 0) as transactions,
                                   h.granted,
                                   case
                                       when p.order_id is null then 0
                                       when c.minimum_amount is not null
                                            and (select o.base_amount from paid_orders_view o where o.id = p.order_id)
                                                < c.minimum_amount then 0
                                       when c.category is not null
                                            and not exists (select 1 from paid_order_lines_view l
                                                            where l.order_id = p.order_id and l.category = c.category)
                                           then 0
                                       else coalesce(c.bonus_points, floor(p.due * (c.multiplier - 1))::bigint)
                                   end as wanted
                            from pairs p
                            full join held h on h.order_id = p.order_id and h.campaign_id = p.campaign_id
                            join loyalty_campaigns c on c.id = coalesce(h.campaign_id, p.campaign_id)
                        )
                        select j.*,
                               case when j.granted is null then j.wanted > 0
                                    else least(j.granted, j.wanted) <> j.held end as changed
                        from joined j""").update();
        return jdbc.sql("select count(*) from loyalty_campaign_due where changed")
                .query(Integer.class)
                .single();
    }

    /** SQL selecting the customers whose bonuses change, for locking. */
    static final String CHANGED_MEMBERS = "select customer_id from loyalty_campaign_due where changed";

    /**
     * Writes the changes staged by {@link #stage}; the members are locked. Takes back bonuses beyond what their orders
     * are due, then grants new ones within the budgets and member limits.
     */
    void write(RefundShortfall shortfall, Instant now) {
        jdbc.sql("""
                        select id from loyalty_campaigns
                        where id in (select campaign_id from loyalty_campaign_due where changed) order by id for update""").query(Long.class).list();
        List<Reversal> reversals = jdbc.sql("""
                        select d.customer_id, d.campaign_id, d.order_id, c.name, d.held - least(d.granted, d.wanted),
                               d.transactions
                        from loyalty_campaign_due d join loyalty_campaigns c on c.id = d.campaign_id
                        where d.changed and d.granted is not null and least(d.granted, d.wanted) < d.held
                        order by d.customer_id, d.campaign_id, d.order_id""")
                .query((rs, row) -> new Reversal(
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getInt(6)))
                .list();
        reversals.forEach(reversal -> reverse(reversal, shortfall));
        grant(now);
    }

    private void grant(Instant now) {
        jdbc.sql("drop table if exists loyalty_campaign_grants").update();
        jdbc.sql("""
                        create temp table loyalty_campaign_grants on commit drop as
                        with asks as (
                            select d.customer_id, d.order_id, d.campaign_id, d.ordered_at, d.transactions,
                                   d.granted is null as first,
                                   case when d.granted is null then d.wanted else least(d.granted, d.wanted) - d.held end
                                       as ask,
                                   c.budget - c.awarded as budget_left,
                                   coalesce(c.member_limit - coalesce((select sum(h.points) from loyalty_campaign_orders h
                                                                       where h.campaign_id = d.campaign_id
                                                                         and h.customer_id = d.customer_id), 0),
                                            9000000000000000000) as member_left
                            from loyalty_campaign_due d join loyalty_campaigns c on c.id = d.campaign_id
                            where d.changed and (d.granted is null or least(d.granted, d.wanted) > d.held)
                        ), by_member as (
                            select a.*,
                                   greatest(0, least(a.ask, a.member_left - coalesce(sum(a.ask) over (
                                       partition by a.campaign_id, a.customer_id order by a.ordered_at, a.order_id
                                       rows between unbounded preceding and 1 preceding), 0))) as member_grant
                            from asks a
                        )
                        select b.*,
                               greatest(0, least(b.member_grant, b.budget_left - coalesce(sum(b.member_grant) over (
                                   partition by b.campaign_id order by b.ordered_at, b.order_id
                                   rows between unbounded preceding and 1 preceding), 0))) as points
                        from by_member b""").update();
        awarding.stage();
        jdbc.sql("""
                        insert into loyalty_awarding (id, customer_id, reason, idempotency_key, key_claimed, order_id,
                                                      rule_version, points, earned_on, available_at, actor, note)
                        select nextval('loyalty_transaction_ids'), g.customer_id, 'CAMPAIGN',
                               'campaign:' || g.campaign_id || ':' || g.order_id || ':' || (g.transactions + 1), false,
                               null, null, g.points, (g.ordered_at at time zone :zone)::date,
                               g.ordered_at + make_interval(days => s.pending_days), 'system', 'campaign: ' || c.name
                        from loyalty_campaign_grants g
                        join loyalty_campaigns c on c.id = g.campaign_id
                        cross join loyalty_settings s
                        where g.points > 0""").param("zone", zone.zone().getId()).update();
        awarding.writeStaged(now);
        jdbc.sql("""
                        insert into loyalty_campaign_orders (customer_id, campaign_id, order_id, granted, points,
                                                             transactions)
                        select customer_id, campaign_id, order_id, points, points, case when points > 0 then 1 else 0 end
                        from loyalty_campaign_grants where first
                        on conflict (customer_id, campaign_id, order_id) do update
                            set points = loyalty_campaign_orders.points + excluded.points,
                                transactions = loyalty_campaign_orders.transactions + excluded.transactions""").update();
        jdbc.sql("""
                        update loyalty_campaign_orders h
                        set points = h.points + g.points, transactions = h.transactions + 1
                        from loyalty_campaign_grants g
                        where not g.first and g.points > 0 and h.customer_id = g.customer_id
                          and h.campaign_id = g.campaign_id and h.order_id = g.order_id""").update();
        jdbc.sql("""
                        update loyalty_campaigns c set awarded = c.awarded + g.points
                        from (select campaign_id, sum(points) as points from loyalty_campaign_grants group by campaign_id) g
                        where c.id = g.campaign_id and g.points > 0""").update();
    }

    /**
     * Takes back a bonus beyond what its order is due: from what is left of the bonus's own points first, then — for
     * its points that ran out — from EXPIRED, then from the member's other points as an order's refund does.
     */
    private void reverse(Reversal reversal, RefundShortfall shortfall) {
        long customerId = reversal.customerId();
        String prefix = "campaign:" + reversal.campaignId() + ":" + reversal.orderId() + ":";
        ledger.lock(customerId);
        List<Long> own =
                jdbc.sql("""
                        select id from loyalty_transactions
                        where customer_id = ? and reason = 'CAMPAIGN' and starts_with(idempotency_key, ?)""").params(customerId, prefix).query(Long.class).list();
        List<Draw> draws = new ArrayList<>(ledger.takeFromLots(customerId, reversal.points(), own));
        long left = reversal.points() - draws.stream().mapToLong(Draw::points).sum();
        long unexpired = Math.min(left, expiredOf(customerId, own, prefix));
        left -= unexpired;
        if (left > 0) {
            List<Draw> others = ledger.take(customerId, left, shortfall == RefundShortfall.CLAW_BACK, null);
            draws.addAll(others);
            left -= others.stream().mapToLong(Draw::points).sum();
        }
        Map<LedgerAccount, Long> entries = new EnumMap<>(LedgerAccount.class);
        MemberLedger.byAccount(draws).forEach((account, points) -> entries.put(account, -points));
        entries.merge(LedgerAccount.ACTIVE, -left, Long::sum);
        entries.put(LedgerAccount.EXPIRED, -unexpired);
        entries.put(LedgerAccount.PROGRAMME, reversal.points());
        ledger.post(new Posting(
                customerId,
                ledger.nextTransactionId(),
                LoyaltyReason.REFUND,
                prefix + (reversal.transactions() + 1),
                false,
                null,
                "campaign: " + reversal.name(),
                "system",
                entries,
                draws));
        jdbc.sql("""
                        update loyalty_campaign_orders set points = points - ?, transactions = transactions + 1
                        where customer_id = ? and campaign_id = ? and order_id = ?""")
                .params(reversal.points(), customerId, reversal.campaignId(), reversal.orderId())
                .update();
        jdbc.sql("update loyalty_campaigns set awarded = awarded - ? where id = ?")
                .params(reversal.points(), reversal.campaignId())
                .update();
    }

    /** Points of the bonus's lots that ran out and were not yet taken back by an earlier reversal. */
    private long expiredOf(long customerId, List<Long> lots, String prefix) {
        return jdbc.sql("""
                        select coalesce((select sum(d.points) from loyalty_draws d
                                         join loyalty_transactions t on t.customer_id = d.customer_id
                                                                     and t.id = d.transaction_id
                                         where d.customer_id = :customer and d.lot_id = any (:lots)
                                           and t.reason = 'EXPIRY'), 0)
                             - coalesce((select sum(-e.points) from loyalty_entries e
                                         join loyalty_transactions t on t.customer_id = e.customer_id
                                                                     and t.id = e.transaction_id
                                         where t.customer_id = :customer and t.reason = 'REFUND'
                                           and starts_with(t.idempotency_key, :prefix) and e.account = 'EXPIRED'), 0)""")
                .param("customer", customerId)
                .param("lots", lots.toArray(Long[]::new))
                .param("prefix", prefix)
                .query(Long.class)
                .single();
    }
}
