package dev.retain.loyalty;

import dev.retain.loyalty.MemberLedger.Draw;
import dev.retain.loyalty.MemberLedger.Locked;
import dev.retain.loyalty.MemberLedger.Posting;
import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.PageOf;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's points: the wallet and its history, and the changes other channels ask for — redeeming, earning and
 * adjusting by hand. Each change carries an idempotency key: asked again with the same key it answers as the first
 * time and applies nothing. Changes of one member line up on the lock of the member's row, so however many arrive at
 * once the balance never goes below zero by a redemption and nothing is applied twice.
 */
@Service
public class Loyalty {

    /** "Expiring soon" on the wallet: within this many days. */
    public static final int EXPIRING_DAYS = 30;

    public static final long MAX_POINTS = 1_000_000_000L;
    public static final int MAX_KEY_LENGTH = 200;
    public static final int MAX_NOTE_LENGTH = 500;

    /** Reasons other channels may earn points with. */
    public static final Set<LoyaltyReason> EARNING_REASONS =
            EnumSet.of(LoyaltyReason.CAMPAIGN, LoyaltyReason.ADJUSTMENT);

    private final JdbcClient jdbc;
    private final MemberLedger ledger;
    private final Awarding awarding;
    private final AuditLog audit;
    private final TierReview tiers;
    private final CompanyZone zone;
    private final Clock clock;

    Loyalty(
            JdbcClient jdbc,
            MemberLedger ledger,
            Awarding awarding,
            AuditLog audit,
            TierReview tiers,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.awarding = awarding;
        this.audit = audit;
        this.tiers = tiers;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * The customer's points now — pending points whose days are over count as spendable, points past their last day
     * no longer count, whether or not the nightly run has written it yet. Zero for a customer who never had points.
     *
     * @throws NotFoundException an unknown customer, or one the viewer may not see
     */
    public Wallet wallet(long customerId) {
        requireCustomer(customerId);
        LocalDate today = zone.today(clock);
        return jdbc.sql("""
                        select m.active, m.pending,
                               coalesce(sum(l.remaining) filter (where l.state = 'ACTIVE' and l.expires_on < :today), 0),
                               coalesce(sum(l.remaining) filter (where l.state = 'PENDING' and l.expires_on < :today), 0),
                               coalesce(sum(l.remaining) filter (where l.state = 'PENDING' and l.available_at <= :now
                                                                   and not coalesce(l.expires_on < :today, false)), 0),
                               coalesce(sum(l.remaining) filter (where l.expires_on between :today and :soon
                                                                   and (l.state = 'ACTIVE' or l.available_at <= :now)), 0),
                               min(l.expires_on) filter (where l.expires_on between :today and :soon
                                                         and (l.state = 'ACTIVE' or l.available_at <= :now))
                        from loyalty_members m
                        left join loyalty_lots l on l.customer_id = m.customer_id and l.remaining > 0
                        where m.customer_id = :customer
                        group by m.active, m.pending""")
                .param("customer", customerId)
                .param("today", Date.valueOf(today))
                .param("soon", Date.valueOf(today.plusDays(EXPIRING_DAYS)))
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> {
                    long expiredActive = rs.getLong(3);
                    long expiredPending = rs.getLong(4);
                    long activated = rs.getLong(5);
                    return new Wallet(
                            customerId,
                            rs.getLong(1) - expiredActive + activated,
                            rs.getLong(2) - expiredPending - activated,
                            rs.getLong(6),
                            rs.getObject(7, LocalDate.class));
                })
                .optional()
                .orElse(new Wallet(customerId, 0, 0, 0, null));
    }

    /** The customer's ledger, newest first. @throws NotFoundException an unknown customer, or one not visible */
    @Transactional(readOnly = true)
    public PageOf<LedgerLine> history(long customerId, int page, int size) {
        requireCustomer(customerId);
        int shown = Math.min(Math.max(size, 1), 200);
        int from = Math.max(page, 0);
        long total = jdbc.sql("select count(*) from loyalty_transactions where customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
        List<LedgerLine> lines = jdbc.sql(LINES + " where t.customer_id = :customer"
                        + " group by t.customer_id, t.id order by t.at desc, t.id desc limit :limit offset :offset")
                .param("customer", customerId)
                .param("limit", shown)
                .param("offset", (long) from * shown)
                .query(Loyalty::line)
                .list();
        return new PageOf<>(lines, from, shown, total);
    }

    /** The customer's transactions before {@code before} (null: the newest), newest first, at most {@code limit}. */
    public List<LedgerLine> linesBefore(long customerId, Instant before, int limit) {
        return jdbc.sql(LINES + " where t.customer_id = :customer and t.at < :before"
                        + " group by t.customer_id, t.id order by t.at desc, t.id desc limit :limit")
                .param("customer", customerId)
                .param("before", Timestamp.from(before == null ? Instant.parse("9999-01-01T00:00:00Z") : before))
                .param("limit", limit)
                .query(Loyalty::line)
                .list();
    }

    private static final String LINES = """
            select t.id, t.at, t.reason,
                   coalesce(sum(e.points) filter (where e.account = 'ACTIVE'), 0),
                   coalesce(sum(e.points) filter (where e.account = 'PENDING'), 0),
                   t.active_after, t.pending_after, t.order_id, t.note, t.actor, t.idempotency_key
            from loyalty_transactions t
            left join loyalty_entries e on e.customer_id = t.customer_id and e.transaction_id = t.id""";

    private static LedgerLine line(ResultSet rs, int row) throws SQLException {
        long orderId = rs.getLong(8);
        return new LedgerLine(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                LoyaltyReason.valueOf(rs.getString(3)),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.wasNull() ? null : orderId,
                rs.getString(9),
                rs.getString(10),
                rs.getString(11));
    }

    /**
     * Spends {@code points} of the customer's spendable points, closest to expiry first.
     *
     * @throws InvalidInputException no key, points not above zero, a note too long
     * @throws NotFoundException an unknown customer, or one the caller may not see
     * @throws NotEnoughPointsException fewer spendable points than asked; nothing is written
     * @throws ConflictException the key was used for another request
     */
    @Transactional
    public PointsApplied redeem(long customerId, String idempotencyKey, long points, String note) {
        Request request = check(customerId, idempotencyKey, points, note, LoyaltyReason.REDEMPTION, false);
        return request.replay().orElseGet(() -> {
            Locked member = ledger.lock(customerId);
            return spend(request, member, LedgerAccount.REDEEMED);
        });
    }

    /**
     * Gives the customer {@code points} at once, spendable now, expiring by the programme's expiry from today: points
     * from a campaign or another channel ({@code CAMPAIGN}), or a correction ({@code ADJUSTMENT}).
     *
     * @throws InvalidInputException no key, points not above zero, another reason, a note too long
     * @throws NotFoundException an unknown customer, or one the caller may not see
     * @throws ConflictException the key was used for another request
     */
    @Transactional
    public PointsApplied earn(long customerId, String idempotencyKey, long points, LoyaltyReason reason, String note) {
        if (reason == null || !EARNING_REASONS.contains(reason)) {
            throw new InvalidInputException("reason", "must be CAMPAIGN or ADJUSTMENT");
        }
        Request request = check(customerId, idempotencyKey, points, note, reason, false);
        return request.replay().orElseGet(() -> {
            ledger.lock(customerId);
            PointsApplied applied = give(request);
            // points earned count for the tier at once
            tiers.upgrade(List.of(customerId));
            return applied;
        });
    }

    /**
     * Gives (positive {@code points}) or takes (negative) points by hand, with a note saying why; audited. Points taken
     * come from the spendable points closest to expiry.
     *
     * @throws InvalidInputException no key, zero points, no note or a note too long
     * @throws NotFoundException an unknown customer, or one the caller may not see
     * @throws NotEnoughPointsException taking more than the spendable points; nothing is written
     * @throws ConflictException the key was used for another request
     */
    @Transactional
    public PointsApplied adjust(long customerId, String idempotencyKey, long points, String note) {
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "say why the points are adjusted");
        }
        Request request = check(customerId, idempotencyKey, points, note, LoyaltyReason.ADJUSTMENT, true);
        return request.replay().orElseGet(() -> {
            Locked member = ledger.lock(customerId);
            PointsApplied applied = points > 0 ? give(request) : spend(request, member, LedgerAccount.PROGRAMME);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("points", points);
            after.put("note", request.note());
            after.put("transaction", applied.transactionId());
            after.put("active", applied.active());
            audit.record("adjust", "loyalty_member", customerId, Map.of("active", member.active()), after);
            return applied;
        });
    }

    /** A checked request whose key this transaction holds, or the answer given to the key before. */
    private record Request(
            long customerId,
            long transactionId,
            String key,
            long points,
            String note,
            LoyaltyReason reason,
            Optional<PointsApplied> replay) {}

    private Request check(
            long customerId, String key, long points, String note, LoyaltyReason reason, boolean eitherWay) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (key == null || key.isBlank()) {
            problems.put("idempotencyKey", "required: a key unique to this request, the same when it is retried");
        } else if (key.length() > MAX_KEY_LENGTH) {
            problems.put("idempotencyKey", "at most " + MAX_KEY_LENGTH + " characters");
        }
        if (points == 0 || (points < 0 && !eitherWay) || Math.abs(points) > MAX_POINTS) {
            problems.put(
                    "points",
                    eitherWay
                            ? "a whole number of points other than 0, at most " + MAX_POINTS + " either way"
                            : "a whole number of points above 0, at most " + MAX_POINTS);
        }
        if (note != null && note.length() > MAX_NOTE_LENGTH) {
            problems.put("note", "at most " + MAX_NOTE_LENGTH + " characters");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        requireCustomer(customerId);
        String strippedKey = key.strip();
        String strippedNote = note == null || note.isBlank() ? null : note.strip();
        // the key claimed with the transaction's id in one round trip; a concurrent request with the same key waits
        // here until the first commits (then this finds it) or rolls back
        Optional<Long> claimed = jdbc.sql("""
                        insert into loyalty_keys (idempotency_key, customer_id, transaction_id, created_at)
                        values (?, ?, nextval('loyalty_transaction_ids'), ?) on conflict do nothing
                        returning transaction_id""")
                .params(strippedKey, customerId, Timestamp.from(clock.instant()))
                .query(Long.class)
                .optional();
        Optional<PointsApplied> replay =
                claimed.isPresent() ? Optional.empty() : Optional.of(replay(strippedKey, customerId, reason, points));
        return new Request(customerId, claimed.orElse(0L), strippedKey, points, strippedNote, reason, replay);
    }

    /** The answer given to the key's request, when this request is the same one again. */
    private PointsApplied replay(String key, long customerId, LoyaltyReason reason, long points) {
        PointsApplied first = jdbc.sql("""
                        select t.id, t.customer_id, t.reason, t.active_after, t.pending_after,
                               coalesce(sum(e.points) filter (where e.account in ('ACTIVE', 'PENDING')), 0)
                        from loyalty_keys k
                        join loyalty_transactions t on t.customer_id = k.customer_id and t.id = k.transaction_id
                        join loyalty_entries e on e.customer_id = t.customer_id and e.transaction_id = t.id
                        where k.idempotency_key = ?
                        group by t.customer_id, t.id""")
                .param(key)
                .query((rs, row) -> new PointsApplied(
                        rs.getLong(1),
                        rs.getLong(2),
                        LoyaltyReason.valueOf(rs.getString(3)),
                        rs.getLong(6),
                        rs.getLong(4),
                        rs.getLong(5),
                        true))
                .optional()
                .orElseThrow(
                        () -> new ConflictException("The idempotency key " + key + " was used for another request"));
        long asked = reason == LoyaltyReason.REDEMPTION ? -points : points;
        if (first.customerId() != customerId || first.reason() != reason || first.points() != asked) {
            throw new ConflictException("The idempotency key " + key + " was used for another request: "
                    + first.reason() + " of " + Math.abs(first.points()) + " points for customer "
                    + first.customerId());
        }
        return answer(first.transactionId(), customerId, reason, points, first.active(), first.pending(), true);
    }

    private PointsApplied spend(Request request, Locked member, LedgerAccount to) {
        long points = Math.abs(request.points());
        if (member.active() < points) {
            throw new NotEnoughPointsException(request.customerId(), member.active(), points);
        }
        List<Draw> draws = ledger.take(request.customerId(), points, false, null);
        Locked after = ledger.post(new Posting(
                request.customerId(),
                request.transactionId(),
                request.reason(),
                request.key(),
                true,
                null,
                request.note(),
                AuditLog.currentActor(),
                Map.of(LedgerAccount.ACTIVE, -points, to, points),
                draws));
        return answer(
                request.transactionId(),
                request.customerId(),
                request.reason(),
                request.points(),
                after.active(),
                after.pending(),
                false);
    }

    private PointsApplied give(Request request) {
        Instant now = clock.instant();
        awarding.award(
                List.of(Awarding.Award.issued(
                        request.transactionId(),
                        request.customerId(),
                        request.reason(),
                        request.key(),
                        true,
                        null,
                        null,
                        request.points(),
                        zone.today(clock),
                        now,
                        request.note(),
                        AuditLog.currentActor())),
                now);
        Locked after = jdbc.sql("select active, pending from loyalty_members where customer_id = ?")
                .param(request.customerId())
                .query((rs, row) -> new Locked(request.customerId(), rs.getLong(1), rs.getLong(2)))
                .single();
        return answer(
                request.transactionId(),
                request.customerId(),
                request.reason(),
                request.points(),
                after.active(),
                after.pending(),
                false);
    }

    private static PointsApplied answer(
            long transactionId,
            long customerId,
            LoyaltyReason reason,
            long points,
            long active,
            long pending,
            boolean replayed) {
        return new PointsApplied(transactionId, customerId, reason, points, active, pending, replayed);
    }

    private void requireCustomer(long customerId) {
        boolean known = jdbc.sql("select exists (select 1 from customer_profiles_view where id = ?)")
                .param(customerId)
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new NotFoundException("Customer", customerId);
        }
    }
}
