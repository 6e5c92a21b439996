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
 * transaction and locks its members once, in customer order; run again, it finds nothing left to do. Between runs
 * reads and redemptions already count points as they stand at the moment. Then badges whose rules became true are
 * awarded to everyone concerned in one set-based pass per badge, and referrals waiting for an order are decided.
 */
@Service
public class NightlyLoyaltyRun {

    private static final Logger log = LoggerFactory.getLogger(NightlyLoyaltyRun.class);

    /** Members whose pending points became spendable, and members who lost points to expiry. */
    public record Result(int activated, int expired) {}

    private final LotRuns lots;
    private final BadgeAwarding badges;
    private final ReferralQualification referrals;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CompanyZone zone;
    private final Clock clock;

    NightlyLoyaltyRun(
            LotRuns lots,
            BadgeAwarding badges,
            ReferralQualification referrals,
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            CompanyZone zone,
            Clock clock) {
        this.lots = lots;
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
        log.info("Loyalty nightly run: points became spendable for {} members, ran out for {}", activated, expired);
        int awarded = badges.run(null);
        referrals.run(null);
        log.info("Loyalty nightly run: {} badges awarded", awarded);
        return new Result(activated == null ? 0 : activated, expired == null ? 0 : expired);
    }
}
