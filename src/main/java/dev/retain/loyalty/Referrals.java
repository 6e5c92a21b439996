package dev.retain.loyalty;

import dev.retain.customers.ContactOverlap;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.customers.SensitiveField;
import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Referrals (邀请好友): each member's code, attaching a friend by it — one referrer per friend, ever —, the referrals
 * of a member either way, and their settings. A friend is refused, with the reason kept, when referrer and friend are
 * one person: the same customer, merged into one, or the same phone or email (compared by their blind indexes). Both
 * sides are rewarded later, when the friend's first paid order qualifies ({@link ReferralQualification}).
 */
@Service
public class Referrals {

    static final String COLUMNS = "customer_id, referrer_id, status, reason, created_at, order_id, qualified_on,"
            + " decided_at, referrer_points, friend_points";

    private final JdbcClient jdbc;
    private final ReferralCode codes;
    private final Customers customers;
    private final ContactOverlap contacts;
    private final AuditLog audit;
    private final Clock clock;

    Referrals(
            JdbcClient jdbc,
            ReferralCode codes,
            Customers customers,
            ContactOverlap contacts,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.codes = codes;
        this.customers = customers;
        this.contacts = contacts;
        this.audit = audit;
        this.clock = clock;
    }

    /** The member's referral code. @throws NotFoundException an unknown customer, or one not visible */
    public String codeOf(long customerId) {
        requireVisible(customerId);
        return codes.of(customerId);
    }

    /** The member a code names, or empty for a malformed or forged code. */
    public Optional<Long> memberOf(String code) {
        return codes.decode(code);
    }

    /**
     * Attaches the friend to the member whose code it is. A refusal by a guard is kept (status REFUSED with its
     * reason) and returned; a later referral of the friend may replace it.
     *
     * @throws InvalidInputException no code or friend, a malformed or forged code
     * @throws NotFoundException an unknown friend, or one the caller may not see
     * @throws ConflictException referrals are off, or the friend has a referrer already or bought before
     */
    @Transactional
    public Referral attach(String code, Long friendId) {
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<Long> referrer = Optional.empty();
        if (code == null || code.isBlank()) {
            problems.put("code", "required: the referrer's referral code");
        } else {
            referrer = codes.decode(code);
            if (referrer.isEmpty()) {
                problems.put("code", "not a valid referral code: it was mistyped or made up");
            }
        }
        if (friendId == null) {
            problems.put("customerId", "required: the id of the friend, a customer");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        requireVisible(friendId);
        Customer referrerCustomer;
        try {
            referrerCustomer = customers.findToContact(referrer.get());
        } catch (NotFoundException e) {
            throw new InvalidInputException("code", "the code names no customer (any more)");
        }
        Customer friend = customers.findToContact(friendId);
        if (friend.mergedInto() != null) {
            throw new InvalidInputException(
                    "customerId", "customer " + friendId + " was merged into customer " + friend.mergedInto());
        }
        if (!settings().enabled()) {
            throw new ConflictException("Referrals are off: turn them on in the loyalty programme's settings");
        }
        // one attach per friend at a time: the second waits, then finds the first
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('loyalty.referral-friend:' || ?, 0))")
                .param(friendId)
                .query(Object.class)
                .single();
        Optional<Referral> existing = of(friendId);
        if (existing.isPresent() && existing.get().status() != ReferralStatus.REFUSED) {
            throw new ConflictException("Customer " + friendId + " was referred by customer "
                    + existing.get().referrerId() + " already ("
                    + existing.get().status() + ")");
        }
        boolean bought = jdbc.sql("select exists (select 1 from paid_orders_view where customer_id = ?)")
                .param(friendId)
                .query(Boolean.class)
                .single();
        if (bought) {
            throw new ConflictException(
                    "Customer " + friendId + " has bought already: only a new customer can be referred");
        }
        ReferralReason refusal = refusal(referrerCustomer, friendId);
        long referrerId = referrerCustomer.mergedInto() != null ? referrerCustomer.mergedInto() : referrerCustomer.id();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into loyalty_referrals (customer_id, referrer_id, status, reason, created_at, created_by,
                                                       decided_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (customer_id) do update
                        set referrer_id = excluded.referrer_id, status = excluded.status, reason = excluded.reason,
                            created_at = excluded.created_at, created_by = excluded.created_by,
                            decided_at = excluded.decided_at, order_id = null, qualified_on = null,
                            referrer_points = 0, friend_points = 0
                        where loyalty_referrals.status = 'REFUSED'""")
                .params(
                        friendId,
                        referrerId,
                        refusal == null ? ReferralStatus.PENDING.name() : ReferralStatus.REFUSED.name(),
                        refusal == null ? null : refusal.name(),
                        now,
                        AuditLog.currentActor(),
                        refusal == null ? null : now)
                .update();
        Referral referral = of(friendId).orElseThrow();
        audit.record("refer", "loyalty_referral", friendId, existing.orElse(null), referral);
        return referral;
    }

    /** Why the referrer and the friend are one person, or null. */
    private ReferralReason refusal(Customer referrer, long friendId) {
        if (referrer.id() == friendId) {
            return ReferralReason.SAME_CUSTOMER;
        }
        if (referrer.mergedInto() != null && referrer.mergedInto() == friendId) {
            return ReferralReason.MERGED;
        }
        Set<SensitiveField> shared = contacts.shared(referrer.id(), friendId);
        if (shared.contains(SensitiveField.PHONE)) {
            return ReferralReason.SAME_PHONE;
        }
        if (shared.contains(SensitiveField.EMAIL)) {
            return ReferralReason.SAME_EMAIL;
        }
        return null;
    }

    /** Why two customers are one person now (checked again when a referral qualifies), or null. */
    ReferralReason samePerson(long referrerId, long friendId) {
        Customer referrer;
        try {
            referrer = customers.findToContact(referrerId);
        } catch (NotFoundException e) {
            return ReferralReason.MERGED;
        }
        return refusal(referrer, friendId);
    }

    /** The friend's referral, if any. */
    public Optional<Referral> of(long friendId) {
        return jdbc.sql("select " + COLUMNS + " from loyalty_referrals where customer_id = ?")
                .param(friendId)
                .query(Referrals::referral)
                .optional();
    }

    /** The friends the member referred, newest first. */
    public List<Referral> byReferrer(long referrerId) {
        return jdbc.sql("select " + COLUMNS + " from loyalty_referrals where referrer_id = ?"
                        + " order by created_at desc, customer_id desc limit 200")
                .param(referrerId)
                .query(Referrals::referral)
                .list();
    }

    /** The newest referrals of everyone, for the programme's page. */
    public List<Referral> latest(int limit) {
        return jdbc.sql("select " + COLUMNS
                        + " from loyalty_referrals order by created_at desc, customer_id desc limit ?")
                .param(limit)
                .query(Referrals::referral)
                .list();
    }

    public ReferralSettings settings() {
        return jdbc.sql("""
                        select enabled, referrer_points, friend_points, minimum_amount, daily_cap, updated_at, updated_by
                        from loyalty_referral_settings""")
                .query((rs, row) -> new ReferralSettings(
                        rs.getBoolean(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getBigDecimal(4),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getString(7)))
                .single();
    }

    /** @throws InvalidInputException a value missing or out of range; nothing is changed */
    @Transactional
    public ReferralSettings update(ReferralSettings.Change change) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (change == null) {
            throw new InvalidInputException("settings", "required");
        }
        points(change.referrerPoints(), "referrerPoints", problems);
        points(change.friendPoints(), "friendPoints", problems);
        if (change.minimumAmount() == null
                || change.minimumAmount().signum() < 0
                || change.minimumAmount().compareTo(new BigDecimal("1000000000")) > 0
                || change.minimumAmount().scale() > 2) {
            problems.put("minimumAmount", "an amount from 0 to 1000000000 with at most 2 decimals");
        }
        if (change.dailyCap() == null || change.dailyCap() < 1 || change.dailyCap() > 10_000) {
            problems.put("dailyCap", "a whole number from 1 to 10000");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ReferralSettings before = settings();
        jdbc.sql("""
                        update loyalty_referral_settings set enabled = ?, referrer_points = ?, friend_points = ?,
                                                             minimum_amount = ?, daily_cap = ?, updated_at = ?,
                                                             updated_by = ?""")
                .params(
                        change.enabled() != null && change.enabled(),
                        change.referrerPoints(),
                        change.friendPoints(),
                        change.minimumAmount(),
                        change.dailyCap(),
                        Timestamp.from(clock.instant()),
                        AuditLog.currentActor())
                .update();
        ReferralSettings after = settings();
        audit.record("update", "loyalty_referral_settings", 1, before, after);
        return after;
    }

    private static void points(Integer points, String field, Map<String, String> problems) {
        if (points == null || points < 0 || points > Badges.MAX_POINTS) {
            problems.put(field, "a whole number of points from 0 (none) to " + Badges.MAX_POINTS);
        }
    }

    private void requireVisible(long customerId) {
        boolean known = jdbc.sql("select exists (select 1 from customer_profiles_view where id = ?)")
                .param(customerId)
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new NotFoundException("Customer", customerId);
        }
    }

    static Referral referral(ResultSet rs, int row) throws SQLException {
        long orderId = rs.getLong(6);
        boolean noOrder = rs.wasNull();
        Timestamp decided = rs.getTimestamp(8);
        String reason = rs.getString(4);
        return new Referral(
                rs.getLong(1),
                rs.getLong(2),
                ReferralStatus.valueOf(rs.getString(3)),
                reason == null ? null : ReferralReason.valueOf(reason),
                rs.getTimestamp(5).toInstant(),
                noOrder ? null : orderId,
                rs.getObject(7, LocalDate.class),
                decided == null ? null : decided.toInstant(),
                rs.getLong(9),
                rs.getLong(10));
    }
}
