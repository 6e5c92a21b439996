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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
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

    /**
     * A new earning rule; a null rounding rounds down, a null bonus is none, a null birthday multiplier is 1, null
     * multipliers by category (order-line category) or product (SKU) are none. Null event rules keep the current
     * version's (a change of how orders earn leaves the events' points alone); an empty list has none.
     */
    public record RuleChange(
            BigDecimal pointsPerUnit,
            Rounding rounding,
            Integer firstOrderBonus,
            BigDecimal birthdayMultiplier,
            Map<String, BigDecimal> categoryMultipliers,
            Map<String, BigDecimal> productMultipliers,
            List<EventRuleDraft> eventRules) {

        public RuleChange(BigDecimal pointsPerUnit, Rounding rounding, Integer firstOrderBonus) {
            this(pointsPerUnit, rounding, firstOrderBonus, null, null, null, null);
        }

        public RuleChange(
                BigDecimal pointsPerUnit,
                Rounding rounding,
                Integer firstOrderBonus,
                BigDecimal birthdayMultiplier,
                Map<String, BigDecimal> categoryMultipliers,
                Map<String, BigDecimal> productMultipliers) {
            this(
                    pointsPerUnit,
                    rounding,
                    firstOrderBonus,
                    birthdayMultiplier,
                    categoryMultipliers,
                    productMultipliers,
                    null);
        }

        /** The change writing {@code rule} again with other event rules. */
        static RuleChange of(EarningRule rule, List<EventRuleDraft> eventRules) {
            return new RuleChange(
                    rule.pointsPerUnit(),
                    rule.rounding(),
                    rule.firstOrderBonus(),
                    rule.birthdayMultiplier(),
                    rule.categoryMultipliers(),
                    rule.productMultipliers(),
                    eventRules);
        }
    }

    /** The largest multiplier a rule, a tier or a campaign may have. */
    static final BigDecimal MAX_MULTIPLIER = BigDecimal.valueOf(100);

    /** Whether a multiplier is above 0, at most 100, with at most 2 decimals. */
    static boolean validMultiplier(BigDecimal multiplier) {
        return multiplier != null
                && multiplier.signum() > 0
                && multiplier.compareTo(MAX_MULTIPLIER) <= 0
                && multiplier.stripTrailingZeros().scale() <= 2;
    }

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
                .query(this::rule)
                .list();
    }

    /** The version new awards use: the newest. */
    public EarningRule currentRule() {
        return jdbc.sql("select " + RULE_COLUMNS + " from loyalty_earning_rules order by version desc limit 1")
                .query(this::rule)
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
        BigDecimal birthday = change.birthdayMultiplier() == null ? BigDecimal.ONE : change.birthdayMultiplier();
        if (!validMultiplier(birthday)) {
            problems.put("birthdayMultiplier", "must be above 0 and at most 100, 2 decimals");
        }
        Map<String, BigDecimal> categories = multipliers(change.categoryMultipliers(), "categoryMultipliers", problems);
        Map<String, BigDecimal> products = multipliers(change.productMultipliers(), "productMultipliers", problems);
        // the settings row serialises two admins adding a version at once
        lockRules();
        List<EventRule> eventRules = change.eventRules() == null
                ? currentRule().eventRules()
                : EventRuleCheck.all(change.eventRules(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int version = jdbc.sql("""
                        insert into loyalty_earning_rules (version, points_per_unit, rounding, first_order_bonus,
                                                           birthday_multiplier, created_at, created_by)
                        select coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ? from loyalty_earning_rules
                        returning version""")
                .params(
                        change.pointsPerUnit(),
                        (change.rounding() == null ? Rounding.DOWN : change.rounding()).name(),
                        bonus,
                        birthday,
                        Timestamp.from(clock.instant()),
                        AuditLog.currentActor())
                .query(Integer.class)
                .single();
        insertMultipliers(version, "CATEGORY", categories);
        insertMultipliers(version, "PRODUCT", products);
        insertEventRules(version, eventRules);
        EarningRule rule = jdbc.sql("select " + RULE_COLUMNS + " from loyalty_earning_rules where version = ?")
                .param(version)
                .query(this::rule)
                .single();
        audit.record("create", "loyalty_earning_rule", rule.version(), null, rule);
        return rule;
    }

    /**
     * Adds a version that is the current one with this event rule added, or replacing the rule of its event name.
     *
     * @throws InvalidInputException the rule's problems, each under its field
     */
    @Transactional
    public EarningRule putEventRule(EventRuleDraft draft) {
        Map<String, String> problems = new LinkedHashMap<>();
        EventRule rule = EventRuleCheck.one(draft, "", problems);
        if (rule == null) {
            throw new InvalidInputException(problems);
        }
        lockRules();
        EarningRule current = currentRule();
        List<EventRuleDraft> rules = new ArrayList<>();
        current.eventRules().stream()
                .filter(r -> !r.event().equals(rule.event()))
                .forEach(r -> rules.add(EventRuleDraft.of(r)));
        rules.add(EventRuleDraft.of(rule));
        return addRule(RuleChange.of(current, rules));
    }

    /**
     * Adds a version that is the current one without the rule of this event name.
     *
     * @throws InvalidInputException the current version has no rule for it
     */
    @Transactional
    public EarningRule removeEventRule(String event) {
        lockRules();
        EarningRule current = currentRule();
        if (current.eventRules().stream().noneMatch(r -> r.event().equals(event))) {
            throw new InvalidInputException("event", "the current earning rules have no rule for '" + event + "'");
        }
        return addRule(RuleChange.of(
                current,
                current.eventRules().stream()
                        .filter(r -> !r.event().equals(event))
                        .map(EventRuleDraft::of)
                        .toList()));
    }

    private void lockRules() {
        jdbc.sql("select id from loyalty_settings where id = 1 for update")
                .query(Integer.class)
                .single();
    }

    private void insertEventRules(int version, List<EventRule> rules) {
        for (EventRule rule : rules) {
            jdbc.sql("""
                            insert into loyalty_rule_events (rule_version, event, label, points, daily_cap,
                                                             lifetime_cap, property_key, property_value)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            version,
                            rule.event(),
                            rule.label(),
                            rule.points(),
                            rule.dailyCap(),
                            rule.lifetimeCap(),
                            rule.propertyKey(),
                            rule.propertyValue())
                    .update();
        }
    }

    /** Checks multipliers by category or SKU: each key named, each multiplier above 0 and at most 100. */
    private static Map<String, BigDecimal> multipliers(
            Map<String, BigDecimal> given, String field, Map<String, String> problems) {
        Map<String, BigDecimal> checked = new TreeMap<>();
        if (given == null) {
            return checked;
        }
        if (given.size() > 1000) {
            problems.put(field, "at most 1000 multipliers");
            return checked;
        }
        given.forEach((key, multiplier) -> {
            String name = key == null ? "" : key.strip();
            if (name.isEmpty() || name.length() > 200) {
                problems.put(field, "each needs a name of 1 to 200 characters");
            } else if (!validMultiplier(multiplier)) {
                problems.put(
                        field + "[" + name + "]",
                        "the multiplier of '" + name + "' must be above 0 and at most 100, 2 decimals");
            } else if (checked.put(name, multiplier.stripTrailingZeros()) != null) {
                problems.put(field + "[" + name + "]", "'" + name + "' is given twice");
            }
        });
        return checked;
    }

    private void insertMultipliers(int version, String kind, Map<String, BigDecimal> multipliers) {
        if (multipliers.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into loyalty_rule_multipliers (rule_version, kind, key, multiplier)
                        select :version, :kind, k, m from unnest(:keys, :multipliers) as x (k, m)""")
                .param("version", version)
                .param("kind", kind)
                .param("keys", multipliers.keySet().toArray(String[]::new))
                .param("multipliers", multipliers.values().toArray(BigDecimal[]::new))
                .update();
    }

    private static final String RULE_COLUMNS =
            "version, points_per_unit, rounding, first_order_bonus, birthday_multiplier, created_at, created_by";

    private EarningRule rule(ResultSet rs, int row) throws SQLException {
        int version = rs.getInt(1);
        Map<String, BigDecimal> categories = new TreeMap<>();
        Map<String, BigDecimal> products = new TreeMap<>();
        jdbc.sql("select kind, key, multiplier from loyalty_rule_multipliers where rule_version = ?")
                .param(version)
                .query((RowCallbackHandler) m -> ("CATEGORY".equals(m.getString(1)) ? categories : products)
                        .put(m.getString(2), m.getBigDecimal(3).stripTrailingZeros()));
        List<EventRule> eventRules = jdbc.sql("""
                        select event, label, points, daily_cap, lifetime_cap, property_key, property_value
                        from loyalty_rule_events where rule_version = ? order by event""")
                .param(version)
                .query((e, n) -> new EventRule(
                        e.getString(1),
                        e.getString(2),
                        e.getInt(3),
                        e.getObject(4, Integer.class),
                        e.getObject(5, Integer.class),
                        e.getString(6),
                        e.getString(7)))
                .list();
        return new EarningRule(
                version,
                rs.getBigDecimal(2).stripTrailingZeros(),
                Rounding.valueOf(rs.getString(3)),
                rs.getInt(4),
                rs.getBigDecimal(5).stripTrailingZeros(),
                categories,
                products,
                eventRules,
                rs.getTimestamp(6).toInstant(),
                rs.getString(7));
    }
}
