package dev.retain.loyalty;

import dev.retain.platform.CompanyZone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The programme's figures for the dashboard, each one set-based statement over the members the viewer may see (the
 * data scope applies to the ledger's rows as to every customer's): what the programme owes now, points issued,
 * redeemed and expired by month of the period, how members spread over the tiers and moved between them, and how
 * often members buy again compared with other buyers.
 */
@Service
public class LoyaltyFigures {

    /** Points members hold now (spendable and pending, debts not netted) and what they are worth. */
    public record Liability(long activePoints, long pendingPoints, BigDecimal value, long members) {}

    /** One month's movements: points awarded (orders, campaigns, referrals, adjustments up), spent and run out. */
    public record Month(YearMonth month, long issued, long redeemed, long expired) {}

    /** Buyers of the period who bought twice or more within it: members and other customers. */
    public record RepeatRates(long memberBuyers, long memberRepeaters, long otherBuyers, long otherRepeaters) {

        public Double memberRate() {
            return memberBuyers == 0 ? null : (double) memberRepeaters / memberBuyers;
        }

        public Double otherRate() {
            return otherBuyers == 0 ? null : (double) otherRepeaters / otherBuyers;
        }
    }

    /** A tier now (null: members in none): its members, and the moves into it and out of it in the period. */
    public record TierFigures(String tier, long members, long movedUpInto, long movedDownInto, long movedOut) {}

    /** The period's figures. */
    public record Figures(Liability liability, List<Month> months, RepeatRates repeat, List<TierFigures> tiers) {

        public long issued() {
            return months.stream().mapToLong(Month::issued).sum();
        }

        public long redeemed() {
            return months.stream().mapToLong(Month::redeemed).sum();
        }

        public long expired() {
            return months.stream().mapToLong(Month::expired).sum();
        }

        /** Points spent among those issued in the period; null when none were. */
        public Double redemptionRate() {
            return issued() == 0 ? null : (double) redeemed() / issued();
        }

        /** The largest monthly figure (at least 1), the full width of the bars. */
        public long widest() {
            return Math.max(
                    1,
                    months.stream()
                            .mapToLong(m -> Math.max(m.issued(), Math.max(m.redeemed(), m.expired())))
                            .max()
                            .orElse(1));
        }
    }

    private final JdbcClient jdbc;
    private final LoyaltyProgramme programme;
    private final CompanyZone zone;

    LoyaltyFigures(JdbcClient jdbc, LoyaltyProgramme programme, CompanyZone zone) {
        this.jdbc = jdbc;
        this.programme = programme;
        this.zone = zone;
    }

    /** The figures of the period (days in the company's zone, both included), for one owner's customers or all. */
    public Figures of(LocalDate first, LocalDate last, Long ownerId) {
        Map<String, Object> params = new HashMap<>();
        params.put("from", Timestamp.from(first.atStartOfDay(zone.zone()).toInstant()));
        params.put(
                "to", Timestamp.from(last.plusDays(1).atStartOfDay(zone.zone()).toInstant()));
        params.put("owner", ownerId);
        params.put("zone", zone.zone().getId());
        return new Figures(liability(params), months(first, last, params), repeat(params), tiers(params));
    }

    private static final String OWNED = """
            (cast(:owner as bigint) is null
             or exists (select 1 from customer_profiles_view c where c.id = %s and c.owner_id = :owner))""";

    private Liability liability(Map<String, Object> params) {
        BigDecimal pointValue = programme.settings().pointValue();
        return jdbc.sql("""
                        select coalesce(sum(greatest(active, 0)), 0), coalesce(sum(pending), 0), count(*)
                        from loyalty_members m where\s""" + OWNED.formatted("m.customer_id"))
                .params(params)
                .query((rs, row) -> new Liability(
                        rs.getLong(1),
                        rs.getLong(2),
                        pointValue
                                .multiply(BigDecimal.valueOf(rs.getLong(1) + rs.getLong(2)))
                                .setScale(2, RoundingMode.HALF_UP),
                        rs.getLong(3)))
                .single();
    }

    /**
     * Issued: points entering members' wallets (pending or active) from orders, campaigns, referrals, events and
     * adjustments up — activation only moves them within. Redeemed and expired: the programme's accounts of those names.
     */
    private List<Month> months(LocalDate first, LocalDate last, Map<String, Object> params) {
        Map<YearMonth, Month> found = new HashMap<>();
        jdbc.sql("""
                        select to_char(t.at at time zone :zone, 'YYYY-MM'),
                               coalesce(sum(e.points) filter (where e.account in ('ACTIVE', 'PENDING') and e.points > 0
                                   and t.reason in ('ORDER', 'CAMPAIGN', 'REFERRAL', 'ADJUSTMENT', 'EVENT')), 0),
                               coalesce(sum(e.points) filter (where e.account = 'REDEEMED'), 0),
                               coalesce(sum(e.points) filter (where e.account = 'EXPIRED'), 0)
                        from loyalty_transactions t
                        join loyalty_entries e on e.customer_id = t.customer_id and e.transaction_id = t.id
                        where t.at >= :from and t.at < :to and\s""" + OWNED.formatted("t.customer_id") + """
                        group by 1""")
                .params(params)
                .query((rs, row) ->
                        new Month(YearMonth.parse(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list()
                .forEach(month -> found.put(month.month(), month));
        List<Month> months = new java.util.ArrayList<>();
        for (YearMonth month = YearMonth.from(first);
                !month.isAfter(YearMonth.from(last));
                month = month.plusMonths(1)) {
            months.add(found.getOrDefault(month, new Month(month, 0, 0, 0)));
        }
        return months;
    }

    /** Every tier, lowest first, with members and moves; members in no tier last, when there are any. */
    private List<TierFigures> tiers(Map<String, Object> params) {
        return jdbc.sql("""
                        with moves as (
                            select h.from_tier_id, h.to_tier_id, h.direction from loyalty_tier_history h
                            where h.at >= :from and h.at < :to and %s),
                        held as (
                            select m.tier_id, count(*) as members from loyalty_member_tiers m
                            where %s
                            group by m.tier_id)
                        select t.rank, t.name, coalesce(h.members, 0),
                               (select count(*) from moves where to_tier_id = t.id and direction = 'UP'),
                               (select count(*) from moves where to_tier_id = t.id and direction = 'DOWN'),
                               (select count(*) from moves where from_tier_id = t.id)
                        from loyalty_tiers t left join held h on h.tier_id = t.id
                        union all
                        select null, null, members, 0, 0, 0 from held where tier_id is null
                        order by 1 nulls last""".formatted(OWNED.formatted("h.customer_id"), OWNED.formatted("m.customer_id")))
                .params(params)
                .query((rs, row) ->
                        new TierFigures(rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                .list();
    }

    private RepeatRates repeat(Map<String, Object> params) {
        return jdbc.sql("""
                        with buyers as (
                            select o.customer_id, count(*) as orders,
                                   exists (select 1 from loyalty_members m where m.customer_id = o.customer_id) as member
                            from paid_orders_view o
                            where o.ordered_at >= :from and o.ordered_at < :to and\s""" + OWNED.formatted("o.customer_id") + """
                            group by o.customer_id)
                        select count(*) filter (where member), count(*) filter (where member and orders >= 2),
                               count(*) filter (where not member), count(*) filter (where not member and orders >= 2)
                        from buyers""")
                .params(params)
                .query((rs, row) -> new RepeatRates(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }
}
