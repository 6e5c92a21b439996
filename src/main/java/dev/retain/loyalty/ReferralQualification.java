package dev.retain.loyalty;

import dev.retain.events.Event;
import dev.retain.events.Events;
import dev.retain.loyalty.MemberLedger.Draw;
import dev.retain.loyalty.MemberLedger.Posting;
import dev.retain.platform.CompanyZone;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Referrals follow the friends' orders. A pending referral qualifies at the friend's first paid order, if it is at
 * least the minimum and the guards pass again (not one person, not over the referrer's daily cap — counted under a
 * lock on the referrer, so concurrent qualifications never exceed it); then both sides get their points (idempotency
 * keys {@code referral:<friend>:referrer} and {@code :friend}) and the event {@value #QUALIFIED} is recorded for
 * each. A qualified referral whose order is no longer paid (refunded, cancelled, returned) is reversed: both awards
 * are taken back by REFUND transactions, never deleted. Each referral is one transaction of its own.
 */
@Component
class ReferralQualification {

    static final String QUALIFIED = "referral_qualified";

    private static final Logger log = LoggerFactory.getLogger(ReferralQualification.class);

    /** The referrals a run looked at: qualified, refused by a guard, reversed. */
    record Result(int qualified, int refused, int reversed) {}

    private final JdbcClient jdbc;
    private final Referrals referrals;
    private final MemberLedger ledger;
    private final Awarding awarding;
    private final LoyaltyProgramme programme;
    private final Events events;
    private final TransactionTemplate transactions;
    private final CompanyZone zone;
    private final Clock clock;

    ReferralQualification(
            JdbcClient jdbc,
            Referrals referrals,
            MemberLedger ledger,
            Awarding awarding,
            LoyaltyProgramme programme,
            Events events,
            PlatformTransactionManager transactions,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.ledger = ledger;
        this.awarding = awarding;
        this.programme = programme;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        // one transaction per referral, also when a listener's transaction calls
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.zone = zone;
        this.clock = clock;
    }

    /** Looks at the referrals of these friends (null: every referral waiting or qualified). */
    Result run(List<Long> friendIds) {
        Long[] ids = friendIds == null ? null : friendIds.toArray(Long[]::new);
        String scope = ids == null ? "true" : "r.customer_id = any (:ids)";
        List<Long> due = jdbc.sql("""
                        select r.customer_id from loyalty_referrals r
                        where %s and r.status = 'PENDING'
                          and exists (select 1 from paid_orders_view o where o.customer_id = r.customer_id)
                        order by r.customer_id""".formatted(scope))
                .param("ids", ids)
                .query(Long.class)
                .list();
        List<Long> refunded = jdbc.sql("""
                        select r.customer_id from loyalty_referrals r
                        where %s and r.status = 'QUALIFIED'
                          and not exists (select 1 from paid_orders_view o where o.id = r.order_id)
                        order by r.customer_id""".formatted(scope))
                .param("ids", ids)
                .query(Long.class)
                .list();
        int qualified = 0;
        int refused = 0;
        for (long friend : due) {
            ReferralStatus status = transactions.execute(tx -> qualify(friend));
            if (status == ReferralStatus.QUALIFIED) {
                qualified++;
            } else if (status == ReferralStatus.REFUSED) {
                refused++;
            }
        }
        int reversed = 0;
        for (long friend : refunded) {
            if (Boolean.TRUE.equals(transactions.execute(tx -> reverse(friend)))) {
                reversed++;
            }
        }
        if (qualified + refused + reversed > 0) {
            log.info("Referrals: {} qualified, {} refused, {} reversed", qualified, refused, reversed);
        }
        return new Result(qualified, refused, reversed);
    }

    private record FirstOrder(long id, Instant orderedAt, BigDecimal amount) {}

    /** Decides one pending referral at the friend's first paid order; returns its status after. */
    ReferralStatus qualify(long friendId) {
        Referral referral = jdbc.sql("select " + Referrals.COLUMNS
                        + " from loyalty_referrals where customer_id = ? and status = 'PENDING' for update")
                .param(friendId)
                .query(Referrals::referral)
                .optional()
                .orElse(null);
        if (referral == null) {
            return null;
        }
        FirstOrder first = jdbc.sql("select id, ordered_at, base_amount from paid_orders_view where customer_id = ?"
                        + " order by ordered_at, id limit 1")
                .param(friendId)
                .query((rs, row) ->
                        new FirstOrder(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getBigDecimal(3)))
                .optional()
                .orElse(null);
        if (first == null) {
            return ReferralStatus.PENDING;
        }
        ReferralSettings settings = referrals.settings();
        long referrerId = referral.referrerId();
        ReferralReason refusal = referrals.samePerson(referrerId, friendId);
        if (refusal == null && first.orderedAt().isBefore(referral.createdAt())) {
            refusal = ReferralReason.ORDERED_BEFORE;
        }
        if (refusal == null && first.amount().compareTo(settings.minimumAmount()) < 0) {
            refusal = ReferralReason.BELOW_MINIMUM;
        }
        LocalDate today = zone.today(clock);
        if (refusal == null) {
            // the referrer's qualifications of the day line up here, so the cap holds however many arrive at once
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended('loyalty.referrer:' || ?, 0))")
                    .param(referrerId)
                    .query(Object.class)
                    .single();
            long ofTheDay = jdbc.sql("""
                            select count(*) from loyalty_referrals
                            where referrer_id = ? and qualified_on = ? and status in ('QUALIFIED', 'REVERSED')""")
                    .params(referrerId, Date.valueOf(today))
                    .query(Long.class)
                    .single();
            if (ofTheDay >= settings.dailyCap()) {
                refusal = ReferralReason.DAILY_CAP;
            }
        }
        Instant now = clock.instant();
        if (refusal != null) {
            jdbc.sql("""
                            update loyalty_referrals set status = 'REFUSED', reason = ?, order_id = ?, decided_at = ?
                            where customer_id = ?""")
                    .params(refusal.name(), first.id(), Timestamp.from(now), friendId)
                    .update();
            return ReferralStatus.REFUSED;
        }
        // both members in customer order, as every change of points locks them
        ledger.lock(Math.min(referrerId, friendId));
        ledger.lock(Math.max(referrerId, friendId));
        List<Awarding.Award> awards = new ArrayList<>();
        if (settings.referrerPoints() > 0) {
            awards.add(award(
                    referrerId,
                    key(friendId, "referrer"),
                    settings.referrerPoints(),
                    today,
                    now,
                    "referred customer " + friendId));
        }
        if (settings.friendPoints() > 0) {
            awards.add(award(
                    friendId,
                    key(friendId, "friend"),
                    settings.friendPoints(),
                    today,
                    now,
                    "referred by customer " + referrerId));
        }
        if (!awards.isEmpty()) {
            awarding.award(awards, now);
        }
        jdbc.sql("""
                        update loyalty_referrals set status = 'QUALIFIED', reason = null, order_id = ?, qualified_on = ?,
                                                     decided_at = ?, referrer_points = ?, friend_points = ?
                        where customer_id = ?""")
                .params(
                        first.id(),
                        Date.valueOf(today),
                        Timestamp.from(now),
                        settings.referrerPoints(),
                        settings.friendPoints(),
                        friendId)
                .update();
        Map<String, String> properties = Map.of(
                "referrer_id", Long.toString(referrerId),
                "friend_id", Long.toString(friendId),
                "order_id", Long.toString(first.id()));
        events.recordAll(List.of(
                new Event(referrerId, QUALIFIED, now, withRole(properties, "referrer")),
                new Event(friendId, QUALIFIED, now, withRole(properties, "friend"))));
        return ReferralStatus.QUALIFIED;
    }

    private static Map<String, String> withRole(Map<String, String> properties, String role) {
        var all = new java.util.LinkedHashMap<>(properties);
        all.put("role", role);
        return all;
    }

    private Awarding.Award award(long customerId, String key, long points, LocalDate today, Instant now, String note) {
        return Awarding.Award.issued(
                ledger.nextTransactionId(),
                customerId,
                LoyaltyReason.REFERRAL,
                key,
                false,
                null,
                null,
                points,
                today,
                now,
                note,
                "system");
    }

    static String key(long friendId, String side) {
        return "referral:" + friendId + ":" + side;
    }

    /** Takes back both rewards of a qualified referral whose order is no longer paid; true when it did. */
    boolean reverse(long friendId) {
        Referral referral = jdbc.sql("select " + Referrals.COLUMNS
                        + " from loyalty_referrals where customer_id = ? and status = 'QUALIFIED' for update")
                .param(friendId)
                .query(Referrals::referral)
                .optional()
                .orElse(null);
        if (referral == null) {
            return false;
        }
        boolean stillPaid = jdbc.sql("select exists (select 1 from paid_orders_view where id = ?)")
                .param(referral.orderId())
                .query(Boolean.class)
                .single();
        if (stillPaid) {
            return false;
        }
        long referrerId = referral.referrerId();
        ledger.lock(Math.min(referrerId, friendId));
        ledger.lock(Math.max(referrerId, friendId));
        RefundShortfall shortfall = programme.settings().refundShortfall();
        String note = "referral of customer " + friendId + " reversed: order " + referral.orderId() + " refunded";
        takeBack(referrerId, key(friendId, "referrer"), shortfall, note);
        takeBack(friendId, key(friendId, "friend"), shortfall, note);
        jdbc.sql("""
                        update loyalty_referrals set status = 'REVERSED', reason = 'ORDER_REFUNDED', decided_at = ?
                        where customer_id = ?""").params(Timestamp.from(clock.instant()), friendId).update();
        return true;
    }

    /**
     * Takes back the award made under {@code key}, as a refund takes back an order's points: first what is left of its
     * own lot, then what of it ran out (from EXPIRED, so no one loses points twice), then the member's other spendable
     * points (with {@code CLAW_BACK} pending ones too); what those do not cover leaves the balance negative.
     */
    private void takeBack(long customerId, String key, RefundShortfall shortfall, String note) {
        String reversalKey = key + ":reversed";
        Long lotId = jdbc.sql("select transaction_id from loyalty_keys where idempotency_key = ?")
                .param(key)
                .query(Long.class)
                .optional()
                .orElse(null);
        boolean done = jdbc.sql("select exists (select 1 from loyalty_keys where idempotency_key = ?)")
                .param(reversalKey)
                .query(Boolean.class)
                .single();
        if (lotId == null || done) {
            return;
        }
        record Lot(LedgerAccount account, long points, long remaining) {}
        Lot lot = jdbc.sql("select state, points, remaining from loyalty_lots where customer_id = ? and id = ?")
                .params(customerId, lotId)
                .query((rs, row) -> new Lot(LedgerAccount.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3)))
                .single();
        List<Draw> draws = new ArrayList<>();
        if (lot.remaining() > 0) {
            jdbc.sql("update loyalty_lots set remaining = 0 where customer_id = ? and id = ?")
                    .params(customerId, lotId)
                    .update();
            draws.add(new Draw(lotId, lot.account(), lot.remaining()));
        }
        long left = lot.points() - lot.remaining();
        long expired = jdbc.sql("""
                        select coalesce(sum(d.points), 0) from loyalty_draws d
                        join loyalty_transactions t on t.customer_id = d.customer_id and t.id = d.transaction_id
                        where d.customer_id = ? and d.lot_id = ? and t.reason = 'EXPIRY'""").params(customerId, lotId).query(Long.class).single();
        long unexpired = Math.min(left, expired);
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
        entries.put(LedgerAccount.PROGRAMME, lot.points());
        ledger.post(new Posting(
                customerId,
                ledger.nextTransactionId(),
                LoyaltyReason.REFUND,
                reversalKey,
                false,
                null,
                note,
                "system",
                entries,
                draws));
    }
}
