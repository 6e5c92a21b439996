package dev.retain.loyalty;

import dev.retain.coupons.CouponCampaigns;
import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rewards catalogue (积分商城): rewards members spend points on — a coupon of a campaign or a gift — with their
 * cost, optional stock and whether they are offered. A reward is never deleted, only deactivated, so the redemptions
 * of it keep their name. Every change is audited.
 */
@Service
public class Rewards {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 500;
    public static final int MAX_STOCK = 1_000_000_000;

    private static final String COLUMNS =
            "select id, name, description, kind, campaign_id, points, stock, active from loyalty_rewards";

    private final JdbcClient jdbc;
    private final CouponCampaigns campaigns;
    private final AuditLog audit;
    private final Clock clock;

    Rewards(JdbcClient jdbc, CouponCampaigns campaigns, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every reward, offered ones first, then by cost. */
    public List<Reward> all() {
        return jdbc.sql(COLUMNS + " order by active desc, points, id")
                .query(Rewards::reward)
                .list();
    }

    /** The rewards members can redeem now: active and in stock, cheapest first. */
    public List<Reward> offered() {
        return jdbc.sql(COLUMNS + " where active and coalesce(stock, 1) > 0 order by points, id")
                .query(Rewards::reward)
                .list();
    }

    /** @throws NotFoundException no such reward */
    public Reward find(long id) {
        return jdbc.sql(COLUMNS + " where id = ?")
                .param(id)
                .query(Rewards::reward)
                .optional()
                .orElseThrow(() -> new NotFoundException("Reward", id));
    }

    /**
     * @throws InvalidInputException a missing or taken name, a cost not above 0, a negative stock, no or an unknown
     *     coupon campaign for a coupon, a campaign for a gift; nothing is written
     */
    @Transactional
    public Reward create(RewardDraft draft) {
        RewardDraft checked = check(draft, null);
        String actor = AuditLog.currentActor();
        Timestamp now = Timestamp.from(clock.instant());
        long id = jdbc.sql("""
                        insert into loyalty_rewards (name, description, kind, campaign_id, points, stock, active,
                                                     created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        checked.name(),
                        checked.description(),
                        checked.kind().name(),
                        checked.campaignId(),
                        checked.points(),
                        checked.stock(),
                        checked.active() == null || checked.active(),
                        now,
                        actor,
                        now,
                        actor)
                .query(Long.class)
                .single();
        Reward created = find(id);
        audit.record("create", "loyalty_reward", id, null, created);
        return created;
    }

    /** Changes a reward; redemptions made keep what they cost. @throws NotFoundException no such reward */
    @Transactional
    public Reward update(long id, RewardDraft draft) {
        Reward before = find(id);
        RewardDraft checked = check(draft, id);
        jdbc.sql("""
                        update loyalty_rewards set name = ?, description = ?, kind = ?, campaign_id = ?, points = ?,
                                                   stock = ?, active = ?, updated_at = ?, updated_by = ?
                        where id = ?""")
                .params(
                        checked.name(),
                        checked.description(),
                        checked.kind().name(),
                        checked.campaignId(),
                        checked.points(),
                        checked.stock(),
                        checked.active() == null ? before.active() : checked.active(),
                        Timestamp.from(clock.instant()),
                        AuditLog.currentActor(),
                        id)
                .update();
        Reward after = find(id);
        audit.record("update", "loyalty_reward", id, before, after);
        return after;
    }

    /** Offers a reward again or stops offering it, keeping the rest. */
    @Transactional
    public Reward activate(long id, boolean active) {
        Reward r = find(id);
        return update(
                id,
                new RewardDraft(r.name(), r.description(), r.kind(), r.campaignId(), r.points(), r.stock(), active));
    }

    private RewardDraft check(RewardDraft draft, Long id) {
        if (draft == null) {
            throw new InvalidInputException("body", "required: name, kind, points");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            problems.put("name", "required, at most " + MAX_NAME + " characters");
        } else if (jdbc.sql("select exists (select 1 from loyalty_rewards where name = ? and id is distinct from ?)")
                .params(name, id)
                .query(Boolean.class)
                .single()) {
            problems.put("name", "another reward is named " + name);
        }
        String description = draft.description() == null || draft.description().isBlank()
                ? null
                : draft.description().strip();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.put("description", "at most " + MAX_DESCRIPTION + " characters");
        }
        if (draft.points() == null || draft.points() < 1 || draft.points() > Loyalty.MAX_POINTS) {
            problems.put("points", "the cost: a whole number of points from 1 to " + Loyalty.MAX_POINTS);
        }
        if (draft.stock() != null && (draft.stock() < 0 || draft.stock() > MAX_STOCK)) {
            problems.put("stock", "from 0 to " + MAX_STOCK + ", or empty for unlimited");
        }
        if (draft.kind() == null) {
            problems.put("kind", "COUPON or GIFT");
        } else if (draft.kind() == RewardKind.COUPON) {
            if (draft.campaignId() == null) {
                problems.put("campaignId", "required for a coupon: the coupon campaign it issues from");
            } else {
                try {
                    campaigns.find(draft.campaignId());
                } catch (NotFoundException e) {
                    problems.put("campaignId", "no coupon campaign " + draft.campaignId());
                }
            }
        } else if (draft.campaignId() != null) {
            problems.put("campaignId", "a gift has no coupon campaign");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new RewardDraft(
                name, description, draft.kind(), draft.campaignId(), draft.points(), draft.stock(), draft.active());
    }

    static Reward reward(ResultSet rs, int row) throws SQLException {
        long campaign = rs.getLong(5);
        Long campaignId = rs.wasNull() ? null : campaign;
        int stock = rs.getInt(7);
        Integer stockLeft = rs.wasNull() ? null : stock;
        return new Reward(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                RewardKind.valueOf(rs.getString(4)),
                campaignId,
                rs.getLong(6),
                stockLeft,
                rs.getBoolean(8));
    }
}
