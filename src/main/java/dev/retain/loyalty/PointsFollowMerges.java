package dev.retain.loyalty;

import dev.retain.customers.CustomersMerged;
import dev.retain.loyalty.Awarding.Award;
import dev.retain.loyalty.MemberLedger.Draw;
import dev.retain.loyalty.MemberLedger.Locked;
import dev.retain.loyalty.MemberLedger.Posting;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two customers became one: the merged customer's points move to the survivor as TRANSFER transactions — every lot
 * with points left becomes a lot of the survivor with the same order, days and expiry, a debt moves as a debt — and
 * the orders' record of points follows, so a later refund of those orders takes back from the survivor. An unmerge
 * leaves the points with the survivor.
 */
@Component
class PointsFollowMerges {

    private final JdbcClient jdbc;
    private final MemberLedger ledger;
    private final Awarding awarding;
    private final LotRuns lots;
    private final Clock clock;

    PointsFollowMerges(JdbcClient jdbc, MemberLedger ledger, Awarding awarding, LotRuns lots, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.awarding = awarding;
        this.lots = lots;
        this.clock = clock;
    }

    private record MovingLot(
            long id,
            LedgerAccount account,
            Long orderId,
            Integer ruleVersion,
            LocalDate earnedOn,
            Instant availableAt,
            LocalDate expiresOn) {}

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        transfer(merge.mergeId(), merge.mergedId(), merge.survivorId());
    }

    @Transactional
    void transfer(long mergeId, long from, long to) {
        boolean member = jdbc.sql("select exists (select 1 from loyalty_members where customer_id = ?)")
                .param(from)
                .query(Boolean.class)
                .single();
        if (!member) {
            return;
        }
        OrderEarning.lockOrderPoints(jdbc);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into loyalty_members (customer_id, created_at, updated_at) values (?, ?, ?)
                        on conflict do nothing""").params(to, Timestamp.from(now), Timestamp.from(now)).update();
        // both members at once, in customer order
        MemberScope.lock(jdbc, "select unnest(cast(:ids as bigint[]))", Map.of("ids", new Long[] {from, to}));
        Locked source = ledger.lock(from);
        ledger.lock(to);
        Map<Long, MovingLot> moving = new java.util.HashMap<>();
        jdbc.sql("""
                        select id, state, order_id, rule_version, earned_on, available_at, expires_on from loyalty_lots
                        where customer_id = ? and remaining > 0""")
                .param(from)
                .query((rs, row) -> new MovingLot(
                        rs.getLong(1),
                        LedgerAccount.valueOf(rs.getString(2)),
                        (Long) rs.getObject(3),
                        (Integer) rs.getObject(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getTimestamp(6).toInstant(),
                        rs.getObject(7, LocalDate.class)))
                .list()
                .forEach(lot -> moving.put(lot.id(), lot));
        List<Draw> draws = ledger.take(from, Long.MAX_VALUE, true, null);
        long moved = draws.stream().mapToLong(Draw::points).sum();
        long debt = Math.max(0, -source.active());
        if (moved > 0 || debt > 0) {
            Map<LedgerAccount, Long> out = new EnumMap<>(LedgerAccount.class);
            MemberLedger.byAccount(draws).forEach((account, points) -> out.put(account, -points));
            out.merge(LedgerAccount.ACTIVE, debt, Long::sum);
            out.put(LedgerAccount.TRANSFER, moved - debt);
            ledger.post(new Posting(
                    from,
                    ledger.nextTransactionId(),
                    LoyaltyReason.TRANSFER,
                    "merge:" + mergeId + ":from:" + from,
                    false,
                    null,
                    null,
                    "system",
                    out,
                    draws));
        }
        List<Award> arriving = new ArrayList<>();
        for (Draw draw : draws) {
            MovingLot lot = moving.get(draw.lotId());
            arriving.add(new Award(
                    ledger.nextTransactionId(),
                    to,
                    LoyaltyReason.TRANSFER,
                    "merge:" + mergeId + ":lot:" + lot.id(),
                    false,
                    lot.orderId(),
                    lot.ruleVersion(),
                    draw.points(),
                    lot.earnedOn(),
                    lot.account() == LedgerAccount.PENDING ? lot.availableAt() : earlierOf(lot.availableAt(), now),
                    null,
                    "system",
                    true,
                    lot.expiresOn()));
        }
        if (!arriving.isEmpty()) {
            awarding.award(arriving, now);
        }
        if (debt > 0) {
            ledger.post(new Posting(
                    to,
                    ledger.nextTransactionId(),
                    LoyaltyReason.TRANSFER,
                    "merge:" + mergeId + ":debt:" + from,
                    false,
                    null,
                    null,
                    "system",
                    Map.of(LedgerAccount.TRANSFER, debt, LedgerAccount.ACTIVE, -debt),
                    List.of()));
            lots.settle(List.of(to));
        }
        jdbc.sql("update loyalty_order_points set customer_id = ? where customer_id = ?")
                .params(to, from)
                .update();
        jdbc.sql("update loyalty_campaign_orders set customer_id = ? where customer_id = ?")
                .params(to, from)
                .update();
        // the events that earned move with the points: the survivor's caps count them
        jdbc.sql("""
                        with moved as (delete from loyalty_event_days where customer_id = ? returning *)
                        insert into loyalty_event_days (customer_id, event, day, events, points)
                        select ?, event, day, events, points from moved
                        on conflict (customer_id, event, day) do update
                            set events = loyalty_event_days.events + excluded.events,
                                points = loyalty_event_days.points + excluded.points""").params(from, to).update();
    }

    private static Instant earlierOf(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
