package dev.retain.loyalty;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly run over every member, set-based: pending points whose days are over become spendable (ACTIVATION), then
 * points past their last day run out (EXPIRY) — written as transactions, never deleted. Each step is its own
 * transaction and locks its members once, in customer order; run again, it finds nothing left to do. Then members are
 * reminded of points about to run out, the tiers' birthday gifts of the month are given and the tier review runs
 * (upgrades, reviews with their grace, downgrades, reminders); badges whose rules became true are awarded in one
 * set-based pass per badge, and referrals waiting for an order are decided. Between runs
 * reads and redemptions already count points as they stand at the moment.
 */
@Service
public class NightlyLoyaltyRun {

    private static final Logger log = LoggerFactory.getLogger(NightlyLoyaltyRun.class);

    /**
     * Members whose pending points became spendable, members who lost points to expiry, reminders of points about to
     * expire, birthday gifts given, and the tier review's moves up and down and reminders, and badges awarded.
     */
    public record Result(
            int activated,
            int expired,
            int reminded,
            int birthdayGifts,
            int tiersUp,
            int tiersDown,
            int warned,
            int badgesAwarded) {}

    private final LotRuns lots;
    private final ExpiryReminders reminders;
    private final LoyaltyProgramme programme;
    private final TierBirthdayGifts birthdayGifts;
    private final TierReview tiers;
    private final BadgeAwarding badges;
    private final ReferralQualification referrals;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CompanyZone zone;
    private final Clock clock;

    NightlyLoyaltyRun(
            LotRuns lots,
            ExpiryReminders reminders,
            LoyaltyProgramme programme,
            TierBirthdayGifts birthdayGifts,
            TierReview tiers,
            BadgeAwarding badges,
            ReferralQualification referrals,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            CompanyZone zone,
            Clock clock) {
        this.lots = lots;
        this.reminders = reminders;
        this.programme = programme;
        this.birthdayGifts = birthdayGifts;
        this.tiers = tiers;
        this.badges = badges;
        this.referrals = referrals;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.zone = zone;
        this.clock = clock;
    }

    @Bean
    ScheduledJob loyaltyNightlyJob(@Value("${retain.loyalty.nightly-cron}") String cron) {
        return new ScheduledJob("loyalty.nightly", cron, zone.zone(), this::run);
    }

    public Result run() {
        Instant now = clock.instant();
        LocalDate today = zone.today(clock);
        Integer activated = transactions.execute(status -> lots.activate(
                MemberScope.lock(jdbc, LotRuns.DUE_FOR_ACTIVATION, Map.of("now", Timestamp.from(now))), now));
        Integer expired = transactions.execute(status -> lots.expire(
                MemberScope.lock(jdbc, LotRuns.DUE_FOR_EXPIRY, Map.of("today", Date.valueOf(today))), today, now));
        int reminded = reminders.remind(today, programme.settings().expiryReminderDays(), now);
        int gifts = birthdayGifts.give();
        TierReview.Result review = tiers.review();
        int awarded = badges.run(null);
        referrals.run(null);
        log.info(
                "Loyalty nightly run: points became spendable for {} members, ran out for {}; {} reminders of expiry,"
                        + " {} birthday gifts, tiers {} up, {} down, {} reminders to keep a tier; {} badges awarded",
                activated,
                expired,
                reminded,
                gifts,
                review.up(),
                review.down(),
                review.warned(),
                awarded);
        return new Result(
                activated == null ? 0 : activated,
                expired == null ? 0 : expired,
                reminded,
                gifts,
                review.up(),
                review.down(),
                review.warned(),
                awarded);
    }
}
