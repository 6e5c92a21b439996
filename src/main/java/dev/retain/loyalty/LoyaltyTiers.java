package dev.retain.loyalty;

import dev.retain.coupons.CouponCampaigns;
import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tiers and how members qualify for them — read, and replaced as a whole by an admin (validated, audited; members
 * then move up at once where the new thresholds let them) — and a member's tier with the progress to the next.
 */
@Service
public class LoyaltyTiers {

    public static final int MAX_TIERS = 20;
    public static final int MAX_NAME_LENGTH = 50;
    public static final BigDecimal MAX_MULTIPLIER = BigDecimal.valueOf(100);
    public static final long MAX_BIRTHDAY_POINTS = 1_000_000L;

    /** What an admin sets: the settings (null fields keep their value) and the whole list of tiers, lowest first. */
    public record Change(
            TierBasis basis,
            Integer windowMonths,
            Integer reviewMonths,
            Integer graceDays,
            Integer warningDays,
            List<Tier> tiers) {}

    private final JdbcClient jdbc;
    private final CouponCampaigns campaigns;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final CompanyZone zone;
    private final Clock clock;

    LoyaltyTiers(
            JdbcClient jdbc,
            CouponCampaigns campaigns,
            AuditLog audit,
            ApplicationEventPublisher events,
            CompanyZone zone,
            Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.audit = audit;
        this.events = events;
        this.zone = zone;
        this.clock = clock;
    }

    public TierSettings settings() {
        return jdbc.sql("""
                        select basis, window_months, review_months, grace_days, warning_days, updated_at, updated_by
                        from loyalty_tier_settings where id = 1""")
                .query((rs, row) -> new TierSettings(
                        TierBasis.valueOf(rs.getString(1)),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getString(7)))
                .single();
    }

    /** The tiers, lowest first. */
    public List<Tier> tiers() {
        return jdbc.sql("""
                        select id, name, threshold, multiplier, welcome_campaign_id, birthday_points, free_shipping
                        from loyalty_tiers order by rank""")
                .query((rs, row) -> {
                    long campaign = rs.getLong(5);
                    return new Tier(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getBigDecimal(3).stripTrailingZeros(),
                            rs.getBigDecimal(4).stripTrailingZeros(),
                            rs.wasNull() ? null : campaign,
                            rs.getLong(6),
                            rs.getBoolean(7));
                })
                .list();
    }

    public TierProgramme programme() {
        return new TierProgramme(settings(), tiers());
    }

    /**
     * Replaces the tiers and changes the settings: tiers with an id are kept (and changed), tiers without one added,
     * tiers left out removed (their members are placed again by their value). Nothing is written when anything is
     * wrong. Members whose value reaches a higher tier under the new thresholds move up after the commit.
     *
     * @throws InvalidInputException a setting out of range; a tier without a name, with a name used twice, a threshold
     *     not above the tier's below, a negative or too large multiplier or birthday gift, an unknown coupon campaign
     *     or tier id
     */
    @Transactional
    public TierProgramme update(Change change) {
        // serialises two admins changing the tiers at once, and a change with the tier runs (TierReview's lock): a
        // run placing members by tiers a change removes meanwhile would fail on them
        jdbc.sql("select pg_advisory_xact_lock(hashtext('loyalty.tiers'))")
                .query(Object.class)
                .single();
        TierProgramme before = programme();
        TierSettings was = before.settings();
        var settings = new TierSettings(
                change.basis() == null ? was.basis() : change.basis(),
                change.windowMonths() == null ? was.windowMonths() : change.windowMonths(),
                change.reviewMonths() == null ? was.reviewMonths() : change.reviewMonths(),
                change.graceDays() == null ? was.graceDays() : change.graceDays(),
                change.warningDays() == null ? was.warningDays() : change.warningDays(),
                clock.instant(),
                AuditLog.currentActor());
        List<Tier> tiers = change.tiers() == null ? before.tiers() : normalised(change.tiers());
        Map<String, String> problems = new LinkedHashMap<>();
        range(problems, "windowMonths", settings.windowMonths(), 1, 120, "months");
        range(problems, "reviewMonths", settings.reviewMonths(), 1, 120, "months");
        range(problems, "graceDays", settings.graceDays(), 0, 365, "days");
        range(problems, "warningDays", settings.warningDays(), 0, 365, "days");
        check(tiers, before.tiers(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                        update loyalty_tier_settings set basis = ?, window_months = ?, review_months = ?, grace_days = ?,
                            warning_days = ?, updated_at = ?, updated_by = ?
                        where id = 1""")
                .params(
                        settings.basis().name(),
                        settings.windowMonths(),
                        settings.reviewMonths(),
                        settings.graceDays(),
                        settings.warningDays(),
                        Timestamp.from(settings.updatedAt()),
                        settings.updatedBy())
                .update();
        write(tiers);
        TierProgramme after = programme();
        audit.record("update", "loyalty_tiers", 1, before, after);
        events.publishEvent(new TierProgrammeChanged());
        return after;
    }

    private static List<Tier> normalised(List<Tier> tiers) {
        return tiers.stream()
                .map(t -> t == null
                        ? null
                        : new Tier(
                                t.id(),
                                t.name() == null ? null : t.name().strip(),
                                t.threshold(),
                                t.multiplier() == null ? BigDecimal.ONE : t.multiplier(),
                                t.welcomeCampaignId(),
                                t.birthdayPoints() == null ? 0L : t.birthdayPoints(),
                                t.freeShipping() != null && t.freeShipping()))
                .toList();
    }

    private static void range(Map<String, String> problems, String field, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            problems.put(field, "must be between " + min + " and " + max + " " + unit);
        }
    }

    private void check(List<Tier> tiers, List<Tier> existing, Map<String, String> problems) {
        if (tiers.size() > MAX_TIERS) {
            problems.put("tiers", "at most " + MAX_TIERS + " tiers");
            return;
        }
        Set<Integer> known = new HashSet<>();
        existing.forEach(t -> known.add(t.id()));
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        BigDecimal below = null;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            String at = "tiers[" + i + "].";
            if (tier == null) {
                problems.put("tiers[" + i + "]", "a tier is required");
                continue;
            }
            if (tier.id() != null && (!known.contains(tier.id()) || !ids.add(tier.id()))) {
                problems.put(at + "id", "unknown tier " + tier.id() + ": leave the id out to add a tier");
            }
            if (tier.name() == null || tier.name().isEmpty()) {
                problems.put(at + "name", "required");
            } else if (tier.name().length() > MAX_NAME_LENGTH) {
                problems.put(at + "name", "at most " + MAX_NAME_LENGTH + " characters");
            } else if (!names.add(tier.name())) {
                problems.put(at + "name", "'" + tier.name() + "' is used by another tier");
            }
            if (tier.threshold() == null
                    || tier.threshold().signum() < 0
                    || tier.threshold().scale() > 2) {
                problems.put(at + "threshold", "required: a number at least 0, with at most 2 decimals");
            } else if (below != null && tier.threshold().compareTo(below) <= 0) {
                problems.put(
                        at + "threshold",
                        "must be above the threshold of the tier below (" + below.toPlainString()
                                + "): thresholds increase strictly from the lowest tier to the highest");
            }
            if (tier.threshold() != null) {
                below = below == null || tier.threshold().compareTo(below) > 0 ? tier.threshold() : below;
            }
            if (tier.multiplier().signum() < 0
                    || tier.multiplier().compareTo(MAX_MULTIPLIER) > 0
                    || tier.multiplier().scale() > 2) {
                problems.put(at + "multiplier", "the earning multiplier: from 0 to 100, at most 2 decimals");
            }
            if (tier.birthdayPoints() < 0 || tier.birthdayPoints() > MAX_BIRTHDAY_POINTS) {
                problems.put(at + "birthdayPoints", "from 0 to " + MAX_BIRTHDAY_POINTS + " points");
            }
            if (tier.welcomeCampaignId() != null) {
                try {
                    campaigns.find(tier.welcomeCampaignId());
                } catch (NotFoundException e) {
                    problems.put(at + "welcomeCampaignId", "no coupon campaign " + tier.welcomeCampaignId());
                }
            }
        }
    }

    private void write(List<Tier> tiers) {
        List<Integer> kept = new ArrayList<>();
        tiers.stream().filter(t -> t.id() != null).forEach(t -> kept.add(t.id()));
        jdbc.sql("delete from loyalty_tiers where not (id = any (?))")
                .param(kept.toArray(Integer[]::new))
                .update();
        // ranks move out of the way first: they are unique
        jdbc.sql("update loyalty_tiers set rank = -1 - rank").update();
        for (int rank = 0; rank < tiers.size(); rank++) {
            Tier tier = tiers.get(rank);
            Object[] values = {
                rank,
                tier.name(),
                tier.threshold(),
                tier.multiplier(),
                tier.welcomeCampaignId(),
                tier.birthdayPoints(),
                tier.freeShipping()
            };
            if (tier.id() == null) {
                jdbc.sql("""
                                insert into loyalty_tiers (rank, name, threshold, multiplier, welcome_campaign_id,
                                                           birthday_points, free_shipping)
                                values (?, ?, ?, ?, ?, ?, ?)""").params(values).update();
            } else {
                jdbc.sql("""
                                update loyalty_tiers set rank = ?, name = ?, threshold = ?, multiplier = ?,
                                    welcome_campaign_id = ?, birthday_points = ?, free_shipping = ?
                                where id = ?""").params(append(values, tier.id())).update();
            }
        }
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    /**
     * The customer's tier now, with the qualifying value over the window and the next tier up.
     *
     * @throws NotFoundException an unknown customer, or one the viewer may not see
     */
    public MemberTier member(long customerId) {
        boolean known = jdbc.sql("select exists (select 1 from customer_profiles_view where id = ?)")
                .param(customerId)
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new NotFoundException("Customer", customerId);
        }
        TierSettings settings = settings();
        List<Tier> tiers = tiers();
        Instant now = clock.instant();
        LocalDate today = zone.today(clock);
        BigDecimal value = jdbc.sql("select coalesce((select value from ("
                        + TierQualification.values(
                                settings.basis(),
                                "cast(:from as date)",
                                "cast(:now as timestamptz)",
                                zone.zone(),
                                column -> column + " = :customer")
                        + ") v), 0)")
                .param("from", Date.valueOf(TierQualification.windowStart(today, settings.windowMonths())))
                .param("now", Timestamp.from(now))
                .param("customer", customerId)
                .query(BigDecimal.class)
                .single();
        record Held(Integer tierId, Instant since, LocalDate reviewOn, LocalDate graceUntil) {}
        Held held = jdbc.sql("""
                        select tier_id, since, review_on, grace_until from loyalty_member_tiers where customer_id = ?""")
                .param(customerId)
                .query((rs, row) -> {
                    int tierId = rs.getInt(1);
                    return new Held(
                            rs.wasNull() ? null : tierId,
                            rs.getTimestamp(2).toInstant(),
                            rs.getObject(3, LocalDate.class),
                            rs.getObject(4, LocalDate.class));
                })
                .optional()
                .orElse(new Held(null, null, null, null));
        Tier tier = tiers.stream()
                .filter(t -> t.id().equals(held.tierId()))
                .findFirst()
                .orElse(null);
        int rank = tier == null ? -1 : tiers.indexOf(tier);
        MemberTier.Next next = rank + 1 < tiers.size() ? next(tiers.get(rank + 1), value) : null;
        MemberTier.Benefits benefits = tier == null
                ? new MemberTier.Benefits(BigDecimal.ONE, false, 0, null)
                : new MemberTier.Benefits(
                        tier.multiplier(), tier.freeShipping(), tier.birthdayPoints(), tier.welcomeCampaignId());
        return new MemberTier(
                customerId,
                tier == null ? null : tier.name(),
                tier == null ? null : tier.id(),
                tier == null ? null : held.since(),
                tier == null ? null : held.reviewOn(),
                tier == null ? null : held.graceUntil(),
                settings.basis(),
                settings.windowMonths(),
                value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros(),
                next,
                benefits);
    }

    private static MemberTier.Next next(Tier tier, BigDecimal value) {
        BigDecimal needed = tier.threshold().subtract(value).max(BigDecimal.ZERO);
        return new MemberTier.Next(
                tier.name(), tier.threshold(), needed.signum() == 0 ? BigDecimal.ZERO : needed.stripTrailingZeros());
    }
}
