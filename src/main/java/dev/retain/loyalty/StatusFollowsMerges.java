package dev.retain.loyalty;

import dev.retain.customers.CustomersMerged;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two customers became one: what the merged customer had earned besides points follows them to the survivor. Badges
 * (the earlier award of one both held), the tier history, and the tier when it is higher than the survivor's; then the
 * survivor moves up if the points that came along reach a higher tier. The referral that brought the merged customer
 * and those they brought now name the survivor; a referral still waiting between the two, now one person, is refused
 * as MERGED. An unmerge leaves all this with the survivor, as it leaves the points.
 */
@Component
class StatusFollowsMerges {

    private final JdbcClient jdbc;
    private final TierReview tiers;
    private final Clock clock;

    StatusFollowsMerges(JdbcClient jdbc, TierReview tiers, Clock clock) {
        this.jdbc = jdbc;
        this.tiers = tiers;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merge) {
        move(merge.mergedId(), merge.survivorId());
    }

    @Transactional
    void move(long from, long to) {
        Map<String, Object> ids = Map.of("from", from, "to", to, "now", Timestamp.from(clock.instant()));
        jdbc.sql("""
                        insert into loyalty_member_badges (customer_id, badge_id, earned_at)
                        select :to, badge_id, earned_at from loyalty_member_badges where customer_id = :from
                        on conflict (customer_id, badge_id) do update
                            set earned_at = least(loyalty_member_badges.earned_at, excluded.earned_at)""").params(ids).update();
        jdbc.sql("delete from loyalty_member_badges where customer_id = :from")
                .params(ids)
                .update();
        jdbc.sql("update loyalty_tier_history set customer_id = :to where customer_id = :from")
                .params(ids)
                .update();
        jdbc.sql("""
                        insert into loyalty_member_tiers (customer_id, tier_id, since, review_on, grace_until,
                                                          warned_for, updated_at)
                        select :to, tier_id, since, review_on, grace_until, warned_for, :now
                        from loyalty_member_tiers where customer_id = :from
                        on conflict (customer_id) do update
                            set tier_id = excluded.tier_id, since = excluded.since, review_on = excluded.review_on,
                                grace_until = excluded.grace_until, warned_for = excluded.warned_for,
                                updated_at = excluded.updated_at
                            where coalesce((select rank from loyalty_tiers where id = excluded.tier_id), -1)
                                  > coalesce((select rank from loyalty_tiers
                                              where id = loyalty_member_tiers.tier_id), -1)""").params(ids).update();
        jdbc.sql("delete from loyalty_member_tiers where customer_id = :from")
                .params(ids)
                .update();
        jdbc.sql("""
                        insert into loyalty_referrals (customer_id, referrer_id, status, reason, created_at, created_by,
                                                       order_id, qualified_on, decided_at, referrer_points,
                                                       friend_points)
                        select :to, referrer_id, status, reason, created_at, created_by, order_id, qualified_on,
                               decided_at, referrer_points, friend_points
                        from loyalty_referrals where customer_id = :from
                        on conflict (customer_id) do nothing""").params(ids).update();
        jdbc.sql("delete from loyalty_referrals where customer_id = :from")
                .params(ids)
                .update();
        jdbc.sql("update loyalty_referrals set referrer_id = :to where referrer_id = :from")
                .params(ids)
                .update();
        jdbc.sql("""
                        update loyalty_referrals set status = 'REFUSED', reason = 'MERGED', decided_at = :now
                        where customer_id = :to and referrer_id = :to and status = 'PENDING'""").params(ids).update();
        tiers.upgrade(List.of(to));
    }
}
