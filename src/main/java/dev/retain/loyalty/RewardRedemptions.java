package dev.retain.loyalty;

import dev.retain.coupons.CouponUnavailableException;
import dev.retain.coupons.Coupons;
import dev.retain.coupons.IssuedCoupon;
import dev.retain.events.Event;
import dev.retain.events.Events;
import dev.retain.loyalty.MemberLedger.Locked;
import dev.retain.loyalty.MemberLedger.Posting;
import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeeming rewards of the catalogue: the reward's points are spent through the ledger (a REDEMPTION, closest to
 * expiry first), one of its stock is taken, and its coupon is issued or its gift recorded — all in one transaction, so
 * a refusal at any step leaves nothing written. The redemption's idempotency key makes a retry answer the same. A gift
 * not sent yet can be cancelled: its points come back by a new transaction and its stock is returned.
 */
@Service
public class RewardRedemptions {

    /** The coupons of reward redemptions name this source, followed by the reward's id. */
    public static final String COUPON_SOURCE = "loyalty:reward:";

    private static final String COLUMNS = """
            select r.customer_id, r.transaction_id, r.reward_id, w.name, r.kind, r.points, r.coupon_id, r.status,
                   r.redeemed_at, r.redeemed_by, r.returned_by
            from loyalty_reward_redemptions r join loyalty_rewards w on w.id = r.reward_id""";

    static final String REDEEMED_EVENT = "reward_redeemed";

    private final JdbcClient jdbc;
    private final Events events;
    private final Loyalty loyalty;
    private final MemberLedger ledger;
    private final LotRuns lots;
    private final Coupons coupons;
    private final AuditLog audit;
    private final CompanyZone zone;
    private final Clock clock;

    RewardRedemptions(
            JdbcClient jdbc,
            Events events,
            Loyalty loyalty,
            MemberLedger ledger,
            LotRuns lots,
            Coupons coupons,
            AuditLog audit,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.loyalty = loyalty;
        this.ledger = ledger;
        this.lots = lots;
        this.coupons = coupons;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Spends the reward's points and issues its coupon or records its gift, and records the event
     * {@code reward_redeemed} (reward, kind, points) for journeys.
     *
     * @throws InvalidInputException no or an unknown reward, no key; nothing is written
     * @throws NotFoundException an unknown customer, or one the caller may not see
     * @throws NotEnoughPointsException fewer spendable points than the reward costs; nothing is written
     * @throws ConflictException the reward is not offered, out of stock, its coupon cannot be issued, or the key was
     *     used for another request; nothing is written
     */
    @Transactional
    public RewardRedeemed redeem(long customerId, Long rewardId, String idempotencyKey) {
        if (rewardId == null) {
            throw new InvalidInputException("rewardId", "required: the reward to redeem");
        }
        Reward reward = jdbc.sql("select id, name, description, kind, campaign_id, points, stock, active"
                        + " from loyalty_rewards where id = ?")
                .param(rewardId)
                .query(Rewards::reward)
                .optional()
                .orElseThrow(() -> new InvalidInputException("rewardId", "no reward " + rewardId));
        if (!reward.active() && !keyUsed(idempotencyKey)) {
            throw new ConflictException("The reward " + reward.name() + " is not offered any more");
        }
        PointsApplied spent = loyalty.redeem(customerId, idempotencyKey, reward.points(), "reward: " + reward.name());
        if (spent.replayed()) {
            RewardRedemption first = find(customerId, spent.transactionId())
                    .filter(redemption -> redemption.rewardId() == reward.id())
                    .orElseThrow(() -> new ConflictException(
                            "The idempotency key " + idempotencyKey.strip() + " was used for another request"));
            return new RewardRedeemed(withCode(first), spent);
        }
        takeOne(reward);
        Long couponId = null;
        String couponCode = null;
        if (reward.kind() == RewardKind.COUPON) {
            try {
                IssuedCoupon coupon = coupons.issueWithin(
                        reward.campaignId(), customerId, idempotencyKey.strip(), COUPON_SOURCE + reward.id());
                couponId = coupon.id();
                couponCode = coupon.code();
            } catch (CouponUnavailableException e) {
                throw new ConflictException("The coupon of " + reward.name() + " cannot be issued: " + e.getMessage());
            }
        }
        Timestamp now = Timestamp.from(clock.instant());
        String actor = AuditLog.currentActor();
        jdbc.sql("""
                        insert into loyalty_reward_redemptions (customer_id, transaction_id, reward_id, kind, points,
                                                                coupon_id, status, redeemed_at, redeemed_by,
                                                                updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        customerId,
                        spent.transactionId(),
                        reward.id(),
                        reward.kind().name(),
                        reward.points(),
                        couponId,
                        reward.kind() == RewardKind.GIFT ? GiftStatus.NEW.name() : null,
                        now,
                        actor,
                        now,
                        actor)
                .update();
        RewardRedemption made = find(customerId, spent.transactionId()).orElseThrow();
        // journeys can thank the member, or follow a gift up
        events.record(new Event(
                customerId,
                REDEEMED_EVENT,
                now.toInstant(),
                Map.of(
                        "reward", reward.name(),
                        "kind", reward.kind().name(),
                        "points", Long.toString(reward.points()))));
        return new RewardRedeemed(withCouponCode(made, couponCode), spent);
    }

    /** One of the reward's stock, if it keeps one, at its cost as read: a conditional update, never below zero. */
    private void takeOne(Reward reward) {
        int taken = jdbc.sql("""
                        update loyalty_rewards set stock = stock - 1
                        where id = ? and active and points = ? and (stock is null or stock > 0)""").params(reward.id(), reward.points()).update();
        if (taken == 1) {
            return;
        }
        Reward now = jdbc.sql("select id, name, description, kind, campaign_id, points, stock, active"
                        + " from loyalty_rewards where id = ?")
                .param(reward.id())
                .query(Rewards::reward)
                .single();
        if (!now.active()) {
            throw new ConflictException("The reward " + reward.name() + " is not offered any more");
        }
        if (now.points() != reward.points()) {
            throw new ConflictException("The reward " + reward.name() + " now costs " + now.points() + " points");
        }
        throw new ConflictException("The reward " + reward.name() + " is out of stock");
    }

    private boolean keyUsed(String key) {
        return key != null
                && jdbc.sql("select exists (select 1 from loyalty_keys where idempotency_key = ?)")
                        .param(key.strip())
                        .query(Boolean.class)
                        .single();
    }

    /** The member's reward redemptions, newest first, at most {@code limit}. */
    public List<RewardRedemption> ofMember(long customerId, int limit) {
        List<RewardRedemption> found = jdbc.sql(
                        COLUMNS + " where r.customer_id = ? order by r.redeemed_at desc, r.transaction_id desc limit ?")
                .params(customerId, limit)
                .query(RewardRedemptions::redemption)
                .list();
        if (found.stream().noneMatch(redemption -> redemption.couponId() != null)) {
            return found;
        }
        Map<Long, String> codes = new HashMap<>();
        coupons.ofCustomer(customerId)
                .forEach(details ->
                        codes.put(details.coupon().id(), details.coupon().code()));
        return found.stream()
                .map(redemption -> withCouponCode(redemption, codes.get(redemption.couponId())))
                .toList();
    }

    /** The redemption of the member's transaction, if it redeemed a reward. */
    public Optional<RewardRedemption> find(long customerId, long transactionId) {
        return jdbc.sql(COLUMNS + " where r.customer_id = ? and r.transaction_id = ?")
                .params(customerId, transactionId)
                .query(RewardRedemptions::redemption)
                .optional();
    }

    /**
     * Marks a gift sent; marking it again changes nothing. Audited.
     *
     * @throws NotFoundException no such gift of the member (or not visible)
     * @throws ConflictException the gift was cancelled, or the redemption is a coupon
     */
    @Transactional
    public RewardRedemption markSent(long customerId, long transactionId) {
        RewardRedemption before = gift(customerId, transactionId);
        int marked = jdbc.sql("""
                        update loyalty_reward_redemptions set status = 'SENT', updated_at = ?, updated_by = ?
                        where customer_id = ? and transaction_id = ? and status = 'NEW'""")
                .params(Timestamp.from(clock.instant()), AuditLog.currentActor(), customerId, transactionId)
                .update();
        RewardRedemption after = find(customerId, transactionId).orElseThrow();
        if (marked == 0) {
            if (after.status() == GiftStatus.CANCELLED) {
                throw new ConflictException("The gift " + after.reward() + " was cancelled: it cannot be sent");
            }
            return after;
        }
        audit.record("send", "loyalty_reward_redemption", transactionId, before, after);
        return after;
    }

    /**
     * Cancels a gift not sent yet: its points come back (a REDEMPTION transaction the other way, as a lot that keeps
     * the latest last day of the points it spent, and does not count again for the tier) and its stock is returned.
     * Cancelling again changes nothing. Audited.
     *
     * @throws NotFoundException no such gift of the member (or not visible)
     * @throws ConflictException the gift was sent already, or the redemption is a coupon
     */
    @Transactional
    public RewardRedemption cancel(long customerId, long transactionId) {
        gift(customerId, transactionId);
        Locked member = ledger.lock(customerId);
        RewardRedemption before = jdbc.sql(
                        COLUMNS + " where r.customer_id = ? and r.transaction_id = ? for update of r")
                .params(customerId, transactionId)
                .query(RewardRedemptions::redemption)
                .single();
        if (before.status() == GiftStatus.CANCELLED) {
            return before;
        }
        if (before.status() == GiftStatus.SENT) {
            throw new ConflictException("The gift " + before.reward() + " was sent already: it cannot be cancelled");
        }
        long id = ledger.nextTransactionId();
        Instant now = clock.instant();
        LocalDate lastDay = jdbc.sql("""
                        select case when bool_or(l.expires_on is null) then null else max(l.expires_on) end
                        from loyalty_draws d join loyalty_lots l on l.customer_id = d.customer_id and l.id = d.lot_id
                        where d.customer_id = ? and d.transaction_id = ?""")
                .params(customerId, transactionId)
                .query((rs, row) -> rs.getObject(1, LocalDate.class))
                .single();
        ledger.post(new Posting(
                customerId,
                id,
                LoyaltyReason.REDEMPTION,
                "reward-return:" + customerId + ":" + transactionId,
                false,
                null,
                "returned: " + before.reward(),
                AuditLog.currentActor(),
                Map.of(LedgerAccount.REDEEMED, -before.points(), LedgerAccount.ACTIVE, before.points()),
                List.of()));
        jdbc.sql("""
                        insert into loyalty_lots (customer_id, id, state, points, remaining, earned_on, available_at,
                                                  expires_on, returned)
                        values (?, ?, 'ACTIVE', ?, ?, ?, ?, ?, true)""")
                .params(
                        customerId,
                        id,
                        before.points(),
                        before.points(),
                        Date.valueOf(zone.today(clock)),
                        Timestamp.from(now),
                        lastDay == null ? null : Date.valueOf(lastDay))
                .update();
        if (member.active() < 0) {
            // a debt is paid from the points that came back first
            lots.settle(List.of(customerId));
        }
        jdbc.sql("update loyalty_rewards set stock = stock + 1 where id = ? and stock is not null")
                .param(before.rewardId())
                .update();
        jdbc.sql("""
                        update loyalty_reward_redemptions set status = 'CANCELLED', returned_by = ?, updated_at = ?,
                                                              updated_by = ?
                        where customer_id = ? and transaction_id = ?""")
                .params(id, Timestamp.from(now), AuditLog.currentActor(), customerId, transactionId)
                .update();
        RewardRedemption after = find(customerId, transactionId).orElseThrow();
        audit.record("cancel", "loyalty_reward_redemption", transactionId, before, after);
        return after;
    }

    private RewardRedemption gift(long customerId, long transactionId) {
        RewardRedemption found = find(customerId, transactionId)
                .orElseThrow(() -> new NotFoundException("Reward redemption", transactionId));
        if (found.kind() != RewardKind.GIFT) {
            throw new ConflictException("A coupon redeemed for points is not sent or cancelled: void the coupon");
        }
        return found;
    }

    private RewardRedemption withCode(RewardRedemption redemption) {
        if (redemption.couponId() == null) {
            return redemption;
        }
        String code = coupons.ofCustomer(redemption.customerId()).stream()
                .filter(details -> details.coupon().id() == redemption.couponId())
                .map(details -> details.coupon().code())
                .findFirst()
                .orElse(null);
        return withCouponCode(redemption, code);
    }

    private static RewardRedemption withCouponCode(RewardRedemption r, String code) {
        return new RewardRedemption(
                r.customerId(),
                r.transactionId(),
                r.rewardId(),
                r.reward(),
                r.kind(),
                r.points(),
                r.couponId(),
                code,
                r.status(),
                r.redeemedAt(),
                r.redeemedBy(),
                r.returnedBy());
    }

    private static RewardRedemption redemption(ResultSet rs, int row) throws SQLException {
        long coupon = rs.getLong(7);
        Long couponId = rs.wasNull() ? null : coupon;
        String status = rs.getString(8);
        long returned = rs.getLong(11);
        Long returnedBy = rs.wasNull() ? null : returned;
        return new RewardRedemption(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                RewardKind.valueOf(rs.getString(5)),
                rs.getLong(6),
                couponId,
                null,
                status == null ? null : GiftStatus.valueOf(status),
                rs.getTimestamp(9).toInstant(),
                rs.getString(10),
                returnedBy);
    }
}
