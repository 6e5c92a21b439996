package dev.retain.loyalty;

import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The campaigns: created, changed and ended early by admins, each change checked whole and audited; orders are then
 * earned again, so orders placed in a campaign's window get its bonus.
 */
@Service
public class LoyaltyCampaigns {

    private static final long MAX_POINTS = 1_000_000_000L;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final CompanyZone zone;
    private final Clock clock;

    LoyaltyCampaigns(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, CompanyZone zone, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.zone = zone;
        this.clock = clock;
    }

    /** Every campaign, the latest starting first. */
    public List<Campaign> list() {
        return jdbc.sql("select " + COLUMNS + " from loyalty_campaigns order by starts_at desc, id desc")
                .query(LoyaltyCampaigns::campaign)
                .list();
    }

    public Campaign get(long id) {
        return jdbc.sql("select " + COLUMNS + " from loyalty_campaigns where id = ?")
                .param(id)
                .query(LoyaltyCampaigns::campaign)
                .optional()
                .orElseThrow(() -> new NotFoundException("campaign", id));
    }

    /**
     * Creates a campaign.
     *
     * @throws InvalidInputException a name missing, too long or used already, a window missing or ending before it
     *     starts, neither or both of multiplier and bonus points, a multiplier not above 1 or above 100, bonus points
     *     outside 1–1000000, a negative minimum, a budget missing or negative, a member limit below 1
     */
    @Transactional
    public Campaign create(CampaignDraft draft) {
        check(draft, null);
        Instant now = clock.instant();
        long id =
                jdbc.sql("""
                        insert into loyalty_campaigns (name, starts_at, ends_at, multiplier, bonus_points,
                            minimum_amount, category, budget, member_limit, created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""").params(params(draft, now, true)).query(Long.class).single();
        Campaign created = get(id);
        audit.record("create", "loyalty_campaign", id, null, created);
        earnAgain();
        return created;
    }

    /**
     * Changes a campaign; bonuses already given stay, and a budget cannot go below the points given already.
     *
     * @throws InvalidInputException as {@link #create}
     * @throws NotFoundException no such campaign
     */
    @Transactional
    public Campaign update(long id, CampaignDraft draft) {
        Campaign before = lock(id);
        check(draft, before);
        jdbc.sql("""
                        update loyalty_campaigns set name = ?, starts_at = ?, ends_at = ?, multiplier = ?,
                            bonus_points = ?, minimum_amount = ?, category = ?, budget = ?, member_limit = ?,
                            updated_at = ?, updated_by = ?
                        where id = ?""").params(append(params(draft, clock.instant(), false), id)).update();
        Campaign after = get(id);
        audit.record("update", "loyalty_campaign", id, before, after);
        earnAgain();
        return after;
    }

    /** Ends a campaign now: orders placed from now on earn no bonus from it. Ending one ended already changes nothing. */
    @Transactional
    public Campaign end(long id) {
        Campaign before = lock(id);
        Instant now = clock.instant();
        if (!before.endsAt().isAfter(now)) {
            return before;
        }
        Instant endsAt = before.startsAt().isAfter(now) ? before.startsAt().plusMillis(1) : now;
        jdbc.sql("update loyalty_campaigns set ends_at = ?, updated_at = ?, updated_by = ? where id = ?")
                .params(Timestamp.from(endsAt), Timestamp.from(now), AuditLog.currentActor(), id)
                .update();
        Campaign after = get(id);
        audit.record("end", "loyalty_campaign", id, before, after);
        return after;
    }

    /** Orders are earned again after the commit, so those placed in a changed window get or keep their bonus. */
    private void earnAgain() {
        boolean enabled = jdbc.sql("select enabled from loyalty_settings where id = 1")
                .query(Boolean.class)
                .single();
        events.publishEvent(new ProgrammeChanged(enabled));
    }

    private Campaign lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from loyalty_campaigns where id = ? for update")
                .param(id)
                .query(LoyaltyCampaigns::campaign)
                .optional()
                .orElseThrow(() -> new NotFoundException("campaign", id));
    }

    private void check(CampaignDraft draft, Campaign before) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            problems.put("name", "a name of 1 to 100 characters");
        } else if (jdbc.sql("select exists (select 1 from loyalty_campaigns where name = ? and id <> ?)")
                .params(name, before == null ? -1 : before.id())
                .query(Boolean.class)
                .single()) {
            problems.put("name", "another campaign is named '" + name + "'");
        }
        if (draft.startsAt() == null) {
            problems.put("startsAt", "when the campaign starts (company time zone)");
        }
        if (draft.endsAt() == null) {
            problems.put("endsAt", "when the campaign ends (company time zone)");
        } else if (draft.startsAt() != null && !draft.endsAt().isAfter(draft.startsAt())) {
            problems.put("endsAt", "the window must end after it starts");
        }
        if ((draft.multiplier() == null) == (draft.bonusPoints() == null)) {
            problems.put("multiplier", "give either a multiplier or bonus points per order");
        } else if (draft.multiplier() != null
                && (draft.multiplier().compareTo(BigDecimal.ONE) <= 0
                        || !LoyaltyProgramme.validMultiplier(draft.multiplier()))) {
            problems.put("multiplier", "the order's points times this in all: above 1 and at most 100, 2 decimals");
        } else if (draft.bonusPoints() != null && (draft.bonusPoints() < 1 || draft.bonusPoints() > 1_000_000)) {
            problems.put("bonusPoints", "points per qualifying order: 1 to 1000000");
        }
        if (draft.minimumAmount() != null
                && (draft.minimumAmount().signum() < 0 || draft.minimumAmount().scale() > 2)) {
            problems.put("minimumAmount", "the smallest qualifying order in the base currency: 0 or more, 2 decimals");
        }
        if (draft.category() != null && draft.category().strip().length() > 200) {
            problems.put("category", "at most 200 characters");
        }
        if (draft.budget() == null || draft.budget() < 0 || draft.budget() > MAX_POINTS) {
            problems.put("budget", "the points the campaign may give in all: 0 to 1000000000");
        } else if (before != null && draft.budget() < before.awarded()) {
            problems.put("budget", "the campaign has given " + before.awarded() + " points already");
        }
        if (draft.memberLimit() != null && (draft.memberLimit() < 1 || draft.memberLimit() > MAX_POINTS)) {
            problems.put("memberLimit", "the points one member may get: 1 to 1000000000, or none");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private Object[] params(CampaignDraft draft, Instant now, boolean created) {
        String category = draft.category() == null || draft.category().isBlank()
                ? null
                : draft.category().strip();
        Object[] fields = {
            draft.name().strip(),
            Timestamp.from(draft.startsAt().atZone(zone.zone()).toInstant()),
            Timestamp.from(draft.endsAt().atZone(zone.zone()).toInstant()),
            draft.multiplier(),
            draft.bonusPoints(),
            draft.minimumAmount(),
            category,
            draft.budget(),
            draft.memberLimit()
        };
        Object[] stamps = created
                ? new Object[] {
                    Timestamp.from(now), AuditLog.currentActor(), Timestamp.from(now), AuditLog.currentActor()
                }
                : new Object[] {Timestamp.from(now), AuditLog.currentActor()};
        Object[] all = new Object[fields.length + stamps.length];
        System.arraycopy(fields, 0, all, 0, fields.length);
        System.arraycopy(stamps, 0, all, fields.length, stamps.length);
        return all;
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    private static final String COLUMNS = "id, name, starts_at, ends_at, multiplier, bonus_points, minimum_amount,"
            + " category, budget, member_limit, awarded, created_at, created_by, updated_at, updated_by";

    private static Campaign campaign(ResultSet rs, int row) throws SQLException {
        BigDecimal multiplier = rs.getBigDecimal(5);
        return new Campaign(
                rs.getLong(1),
                rs.getString(2),
                rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(),
                multiplier == null ? null : multiplier.stripTrailingZeros(),
                rs.getObject(6, Long.class),
                rs.getBigDecimal(7),
                rs.getString(8),
                rs.getLong(9),
                rs.getObject(10, Long.class),
                rs.getLong(11),
                rs.getTimestamp(12).toInstant(),
                rs.getString(13),
                rs.getTimestamp(14).toInstant(),
                rs.getString(15));
    }
}
