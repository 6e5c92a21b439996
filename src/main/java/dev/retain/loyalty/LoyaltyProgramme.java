package dev.retain.loyalty;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The programme's settings and its earning rules (a new version for each change); every change is audited. */
@Service
public class LoyaltyProgramme {

    /** What an admin sets; null fields keep their current value. */
    public record SettingsChange(
            Boolean enabled,
            LocalDate earnFrom,
            Integer pendingDays,
            ExpiryPolicy expiry,
            Integer expiryMonths,
            Integer expiryDays,
            RefundShortfall refundShortfall,
            Integer expiryReminderDays,
            BigDecimal pointValue) {}

    /** A new earning rule; a null rounding rounds down, a null bonus is none. */
    public record RuleChange(BigDecimal pointsPerUnit, Rounding rounding, Integer firstOrderBonus) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LoyaltyProgramme(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public ProgrammeSettings settings() {
        return jdbc.sql("""
                        select enabled, earn_from, pending_days, expiry, expiry_months, expiry_days, refund_shortfall,
                               expiry_reminder_days, point_value, updated_at, updated_by
                        from loyalty_settings where id = 1""")
                .query((rs, row) -> new ProgrammeSettings(
                        rs.getBoolean(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getInt(3),
                        ExpiryPolicy.valueOf(rs.getString(4)),
                        rs.getInt(5),
                        rs.getInt(6),
                        RefundShortfall.valueOf(rs.getString(7)),
                        rs.getInt(8),
                        rs.getBigDecimal(9).stripTrailingZeros(),
                        rs.getTimestamp(10).toInstant(),
                        rs.getString(11)))
                .single();
    }

    /**
     * Changes the settings; orders are then earned again against them, after the commit (switching the programme on
     * with an earlier start earns the orders since).
     *
     * @throws InvalidInputException pending days outside 0–365, expiry months outside 0–120 or days outside 1–3650,
     *     reminder days outside 0–365, a point value outside 0–10000, or an enabled programme without a first day
     */
    @Transactional
    public ProgrammeSettings update(SettingsChange change) {
        ProgrammeSettings before = settings();
        var after = new ProgrammeSettings(
                change.enabled() == null ? before.enabled() : change.enabled(),
                change.earnFrom() == null ? before.earnFrom() : change.earnFrom(),
                change.pendingDays() == null ? before.pendingDays() : change.pendingDays(),
                change.expiry() == null ? before.expiry() : change.expiry(),
                change.expiryMonths() == null ? before.expiryMonths() : change.expiryMonths(),
                change.expiryDays() == null ? before.expiryDays() : change.expiryDays(),
                change.refundShortfall() == null ? before.refundShortfall() : change.refundShortfall(),
                change.expiryReminderDays() == null ? before.expiryReminderDays() : change.expiryReminderDays(),
                change.pointValue() == null ? before.pointValue() : change.pointValue(),
                clock.instant(),
                AuditLog.currentActor());
        Map<String, String> problems = new LinkedHashMap<>();
        if (after.pendingDays() < 0 || after.pendingDays() > 365) {
            problems.put("pendingDays", "must be between 0 and 365 days");
        }
        if (after.expiryMonths() < 0 || after.expiryMonths() > 120) {
            problems.put("expiryMonths", "must be between 0 and 120 months");
        }
        if (after.expiryDays() < 1 || after.expiryDays() > 3650) {
            problems.put("expiryDays", "must be between 1 and 3650 days");
        }
        if (after.expiryReminderDays() < 0 || after.expiryReminderDays() > 365) {
            problems.put("expiryReminderDays", "must be between 0 (no reminders) and 365 days");
        }
        if (after.pointValue().signum() < 0
                || after.pointValue().compareTo(BigDecimal.valueOf(10_000)) > 0
                || after.pointValue().scale() > 4) {
            problems.put("pointValue", "what a point is worth in the base currency: 0 to 10000, 4 decimals");
        }
        if (after.enabled() && after.earnFrom() == null) {
            problems.put("earnFrom", "the day from which orders earn points, needed to switch the programme on");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                        update loyalty_settings set enabled = ?, earn_from = ?, pending_days = ?, expiry = ?,
                            expiry_months = ?, expiry_days = ?, refund_shortfall = ?, expiry_reminder_days = ?,
                            point_value = ?, updated_at = ?, updated_by = ?
                        where id = 1""")
                .params(
                        after.enabled(),
                        after.earnFrom() == null ? null : Date.valueOf(after.earnFrom()),
                        after.pendingDays(),
                        after.expiry().name(),
                        after.expiryMonths(),
                        after.expiryDays(),
                        after.refundShortfall().name(),
                        after.expiryReminderDays(),
                        after.pointValue(),
                        Timestamp.from(after.updatedAt()),
                        after.updatedBy())
                .update();
        audit.record("update", "loyalty_programme", 1, before, after);
        events.publishEvent(new ProgrammeChanged(after.enabled()));
        return after;
    }

    /** Every version of the earning rules, newest first. */
    public List<EarningRule> rules() {
        return jdbc.sql("select " + RULE_COLUMNS + " from loyalty_earning_rules order by version desc")
                .query(LoyaltyProgramme::rule)
                .list();
    }

    /** The version new awards use: the newest. */
    public EarningRule currentRule() {
        return jdbc.sql("select " + RULE_COLUMNS + " from loyalty_earning_rules order by version desc limit 1")
                .query(LoyaltyProgramme::rule)
                .single();
    }

    /**
     * Adds a version of the earning rules; orders that earned before keep theirs.
     *
     * @throws InvalidInputException points per unit not above 0 (or above 1000), a negative bonus
     */
    @Transactional
    public EarningRule addRule(RuleChange change) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (change.pointsPerUnit() == null
                || change.pointsPerUnit().signum() <= 0
                || change.pointsPerUnit().compareTo(BigDecimal.valueOf(1000)) > 0
                || change.pointsPerUnit().scale() > 4) {
            problems.put("pointsPerUnit", "points per unit of the base currency, above 0 and at most 1000, 4 decimals");
        }
        int bonus = change.firstOrderBonus() == null ? 0 : change.firstOrderBonus();
        if (bonus < 0 || bonus > 1_000_000) {
            problems.put("firstOrderBonus", "must be between 0 and 1000000 points");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        // the settings row serialises two admins adding a version at once
        jdbc.sql("select id from loyalty_settings where id = 1 for update")
                .query(Integer.class)
                .single();
        EarningRule rule = jdbc.sql("""
                        insert into loyalty_earning_rules (version, points_per_unit, rounding, first_order_bonus,
                                                           created_at, created_by)
                        select coalesce(max(version), 0) + 1, ?, ?, ?, ?, ? from loyalty_earning_rules
                        returning\s""" + RULE_COLUMNS)
                .params(
                        change.pointsPerUnit(),
                        (change.rounding() == null ? Rounding.DOWN : change.rounding()).name(),
                        bonus,
                        Timestamp.from(clock.instant()),
                        AuditLog.currentActor())
                .query(LoyaltyProgramme::rule)
                .single();
        audit.record("create", "loyalty_earning_rule", rule.version(), null, rule);
        return rule;
    }

    private static final String RULE_COLUMNS =
            "version, points_per_unit, rounding, first_order_bonus, created_at, created_by";

    private static EarningRule rule(ResultSet rs, int row) throws SQLException {
        return new EarningRule(
                rs.getInt(1),
                rs.getBigDecimal(2).stripTrailingZeros(),
                Rounding.valueOf(rs.getString(3)),
                rs.getInt(4),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6));
    }
}
