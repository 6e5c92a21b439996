package dev.retain.coupons;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marks issued coupons past their expiry as EXPIRED, shortly after midnight in the company's time zone. Reads treat
 * them as expired already; the mark keeps the stored status true for reports and queries of other modules.
 */
@Component
class NightlyCouponExpiry {

    private static final Logger log = LoggerFactory.getLogger(NightlyCouponExpiry.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    NightlyCouponExpiry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Shortly after midnight, once in the cluster. */
    @Bean
    ScheduledJob couponExpiryJob(@Value("${retain.coupons.expiry-cron}") String cron, CompanyZone zone) {
        return new ScheduledJob("coupons.expiry", cron, zone.zone(), this::run);
    }

    void run() {
        int expired = expireAsOf(clock.instant());
        if (expired > 0) {
            log.info("Expired {} coupons", expired);
        }
    }

    int expireAsOf(Instant now) {
        return jdbc.sql("update coupons set status = 'EXPIRED' where status = 'ISSUED' and expires_at <= ?")
                .param(Timestamp.from(now))
                .update();
    }
}
