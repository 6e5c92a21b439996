package dev.retain.coupons;

import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.ConflictException;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Coupon campaigns: created and changed with an audit trail, listed with what their coupons did. Once coupons are
 * issued the terms stay as they were (create a new campaign for new terms); validity changes apply to coupons issued
 * afterwards.
 */
@Service
public class CouponCampaigns {

    /** The base currency, in which order amounts are kept (see commerce's base amounts). */
    static final String BASE_CURRENCY = "CNY";

    private static final String COLUMNS = """
            k.id, k.name, k.description, k.kind, k.amount, k.percent, k.max_discount, k.currency, k.min_spend,
            k.valid_from, k.valid_until, k.valid_days_after_issue, k.budget, k.per_customer_limit, k.issued,
            k.status, k.created_by, k.created_at, k.updated_at""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final CompanyZone zone;

    CouponCampaigns(JdbcClient jdbc, AuditLog audit, Clock clock, CompanyZone zone) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    /** Every campaign, newest first, with its coupons' figures. */
    public List<CampaignSummary> list() {
        return jdbc.sql("select " + COLUMNS + ", " + FIGURES + " from coupon_campaigns k order by k.id desc")
                .param("now", Timestamp.from(clock.instant()))
                .query(CouponCampaigns::summary)
                .list();
    }

    public CampaignSummary summary(long id) {
        return jdbc.sql("select " + COLUMNS + ", " + FIGURES + " from coupon_campaigns k where k.id = :id")
                .param("id", id)
                .param("now", Timestamp.from(clock.instant()))
                .query(CouponCampaigns::summary)
                .optional()
                .orElseThrow(() -> new NotFoundException("coupon campaign", id));
    }

    public CouponCampaign find(long id) {
        return jdbc.sql("select " + COLUMNS + " from coupon_campaigns k where k.id = ?")
                .param(id)
                .query(CouponCampaigns::campaign)
                .optional()
                .orElseThrow(() -> new NotFoundException("coupon campaign", id));
    }

    /** The campaigns issuing now, by name: what a person may issue from. */
    public List<CouponCampaign> issuing() {
        return jdbc.sql("select " + COLUMNS + " from coupon_campaigns k where k.status = 'ACTIVE'"
                        + " and (k.valid_until is null or k.valid_until >= ?) order by k.name")
                .param(Date.valueOf(zone.today(clock)))
                .query(CouponCampaigns::campaign)
                .list();
    }

    @Transactional
    public CouponCampaign create(CampaignDraft draft) {
        requireValid(draft);
        var now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                        insert into coupon_campaigns (name, description, kind, amount, percent, max_discount, currency,
                            min_spend, valid_from, valid_until, valid_days_after_issue, budget, per_customer_limit,
                            status, created_by, created_at, updated_at)
                        values (:name, :description, :kind, :amount, :percent, :maxDiscount, :currency, :minSpend,
                            :validFrom, :validUntil, :validDays, :budget, :perCustomer, :status, :by, :now, :now)
                        returning id""")
                .params(parameters(draft))
                .param("currency", BASE_CURRENCY)
                .param("status", (draft.status() == null ? CampaignStatus.ACTIVE : draft.status()).name())
                .param("by", AuditLog.currentActor())
                .param("now", now)
                .query(Long.class)
                .single();
        CouponCampaign created = find(id);
        audit.record("create", "coupon_campaign", id, null, created);
        return created;
    }

    /** Replaces the campaign's settings; pausing, resuming and ending are changes of {@code status}. */
    @Transactional
    public CouponCampaign update(long id, CampaignDraft draft) {
        CouponCampaign before = lock(id);
        requireValid(draft);
        CampaignStatus status = draft.status() == null ? before.status() : draft.status();
        if (before.status() == CampaignStatus.ENDED && status != CampaignStatus.ENDED) {
            throw new ConflictException("an ended campaign stays ended; create a new one");
        }
        // without a budget the counter is not kept (see lockShared): count what was issued
        long issued = before.budget() != null ? before.issued() : issuedCount(id);
        if (issued > 0 && !sameTerms(before.terms(), draft)) {
            throw new ConflictException("coupons were issued on these terms; create a new campaign for new terms");
        }
        if (draft.budget() != null && draft.budget() < issued) {
            throw new InvalidInputException("budget", "at least the " + issued + " coupons already issued");
        }
        jdbc.sql("""
                        update coupon_campaigns set name = :name, description = :description, kind = :kind,
                            amount = :amount, percent = :percent, max_discount = :maxDiscount, min_spend = :minSpend,
                            valid_from = :validFrom, valid_until = :validUntil, valid_days_after_issue = :validDays,
                            budget = :budget, per_customer_limit = :perCustomer, status = :status, updated_at = :now,
                            issued = :issued
                        where id = :id""")
                .params(parameters(draft))
                .param("status", status.name())
                .param("issued", draft.budget() == null ? 0 : issued)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        CouponCampaign after = find(id);
        audit.record("update", "coupon_campaign", id, before, after);
        return after;
    }

    /** The campaign, locked until the transaction ends: issuing one coupon at a time keeps the budget exact. */
    CouponCampaign lock(long id) {
        return select(id, "for update");
    }

    /**
     * The campaign, share-locked until the transaction ends: issuers of a campaign without a budget go ahead side by
     * side (they have no counter to keep), and a change of the campaign waits for them. The {@code issued} counter is
     * kept only while a campaign has a budget; setting one counts the coupons issued so far.
     */
    CouponCampaign lockShared(long id) {
        return select(id, "for share");
    }

    private CouponCampaign select(long id, String lock) {
        return jdbc.sql("select " + COLUMNS + " from coupon_campaigns k where k.id = ? " + lock)
                .param(id)
                .query(CouponCampaigns::campaign)
                .optional()
                .orElseThrow(() -> new NotFoundException("coupon campaign", id));
    }

    private long issuedCount(long id) {
        return jdbc.sql("select count(*) from coupons where campaign_id = ? and status <> 'VOID'")
                .param(id)
                .query(Long.class)
                .single();
    }

    private static void requireValid(CampaignDraft draft) {
        Map<String, String> broken = DraftRules.broken(draft);
        if (!broken.isEmpty()) {
            throw new InvalidInputException(broken);
        }
    }

    private static boolean sameTerms(CouponTerms terms, CampaignDraft draft) {
        return terms.kind() == draft.kind()
                && same(terms.amount(), draft.amount())
                && same(terms.percent(), draft.percent())
                && same(terms.maxDiscount(), draft.maxDiscount())
                && same(terms.minSpend(), draft.minSpend() == null ? BigDecimal.ZERO : draft.minSpend());
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static Map<String, Object> parameters(CampaignDraft draft) {
        var values = new HashMap<String, Object>();
        values.put("name", draft.name().strip());
        values.put(
                "description",
                draft.description() == null || draft.description().isBlank()
                        ? null
                        : draft.description().strip());
        values.put("kind", draft.kind().name());
        values.put("amount", draft.amount());
        values.put("percent", draft.percent());
        values.put("maxDiscount", draft.maxDiscount());
        values.put("minSpend", draft.minSpend() == null ? BigDecimal.ZERO : draft.minSpend());
        values.put("validFrom", draft.validFrom() == null ? null : Date.valueOf(draft.validFrom()));
        values.put("validUntil", draft.validUntil() == null ? null : Date.valueOf(draft.validUntil()));
        values.put("validDays", draft.validDaysAfterIssue());
        values.put("budget", draft.budget());
        values.put("perCustomer", draft.perCustomerLimit() == null ? 1 : draft.perCustomerLimit());
        return values;
    }

    private static final String FIGURES = """
            (select count(*) from coupons c where c.campaign_id = k.id and c.status <> 'VOID') as f_issued,
            (select count(*) from coupons c where c.campaign_id = k.id and c.status = 'REDEEMED') as f_redeemed,
            (select count(*) from coupons c where c.campaign_id = k.id
                 and (c.status = 'EXPIRED' or (c.status = 'ISSUED' and c.expires_at <= :now))) as f_expired,
            (select coalesce(sum(c.discount), 0) from coupons c
                 where c.campaign_id = k.id and c.status = 'REDEEMED') as f_discount""";

    private static CampaignSummary summary(ResultSet rs, int row) throws SQLException {
        return new CampaignSummary(
                campaign(rs, row),
                rs.getLong("f_issued"),
                rs.getLong("f_redeemed"),
                rs.getLong("f_expired"),
                rs.getBigDecimal("f_discount"));
    }

    static CouponCampaign campaign(ResultSet rs, int row) throws SQLException {
        var terms = new CouponTerms(
                CampaignKind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("amount"),
                rs.getBigDecimal("percent"),
                rs.getBigDecimal("max_discount"),
                rs.getBigDecimal("min_spend"),
                rs.getString("currency").strip());
        Date validFrom = rs.getDate("valid_from");
        Date validUntil = rs.getDate("valid_until");
        return new CouponCampaign(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("description"),
                terms.kind(),
                terms.amount(),
                terms.percent(),
                terms.maxDiscount(),
                terms.currency(),
                terms.minSpend(),
                validFrom == null ? null : validFrom.toLocalDate(),
                validUntil == null ? null : validUntil.toLocalDate(),
                rs.getObject("valid_days_after_issue", Integer.class),
                rs.getObject("budget", Integer.class),
                rs.getInt("per_customer_limit"),
                rs.getInt("issued"),
                CampaignStatus.valueOf(rs.getString("status")),
                terms.describe(),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
