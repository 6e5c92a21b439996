package dev.retain.customers;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.ScheduledJob;
import dev.retain.platform.ViewerScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The retention policy (off unless configured): customers who have done nothing with the company for the configured
 * years — no order, no visit, no follow-up, no change to their profile — are erased like a person's request, each in
 * a transaction of its own and audited with the policy as the reason. A run stops after a set number of erasures; the
 * next night goes on.
 */
@Component
class PersonalDataRetention {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataRetention.class);
    private static final int BATCH = 1_000;

    private final JdbcClient jdbc;
    private final List<PersonalDataHolder> holders;
    private final CustomerErasure erasure;
    private final CompanyZone zone;
    private final Clock clock;
    private final int years;
    private final int mostPerRun;

    PersonalDataRetention(
            JdbcClient jdbc,
            List<PersonalDataHolder> holders,
            CustomerErasure erasure,
            CompanyZone zone,
            Clock clock,
            @Value("${retain.personal-data.erase-inactive-after-years}") int years,
            @Value("${retain.personal-data.erase-most-per-run}") int mostPerRun) {
        this.jdbc = jdbc;
        this.holders = holders;
        this.erasure = erasure;
        this.zone = zone;
        this.clock = clock;
        this.years = years;
        this.mostPerRun = mostPerRun;
    }

    @Bean
    ScheduledJob personalDataRetentionJob(@Value("${retain.personal-data.retention-cron}") String cron) {
        return new ScheduledJob("customers.personal-data-retention", years > 0 ? cron : "-", zone.zone(), this::run);
    }

    /** Erases the customers inactive for the configured years, at most the configured number; returns how many. */
    int run() {
        if (years <= 0) {
            return 0;
        }
        Instant cutoff = clock.instant().atZone(zone.zone()).minusYears(years).toInstant();
        String reason = "inactive for " + years + " years (retention policy)";
        // the company's policy, whoever's instance runs it
        int erased = ViewerScope.EVERYTHING.within(() -> eraseInactiveSince(cutoff, reason));
        if (erased > 0) {
            log.info("Retention policy: erased {} customers inactive since {}", erased, cutoff);
        }
        return erased;
    }

    private int eraseInactiveSince(Instant cutoff, String reason) {
        int erased = 0;
        long after = 0;
        while (erased < mostPerRun) {
            List<Long> candidates = jdbc.sql("""
                            select id from customers
                            where merged_into is null and id > ? and created_at < ? and updated_at < ?
                            order by id limit ?""")
                    .params(after, Timestamp.from(cutoff), Timestamp.from(cutoff), BATCH)
                    .query(Long.class)
                    .list();
            if (candidates.isEmpty()) {
                break;
            }
            after = candidates.get(candidates.size() - 1);
            Set<Long> active = new HashSet<>();
            holders.forEach(holder -> active.addAll(holder.activeSince(cutoff, candidates)));
            for (long customerId : candidates) {
                if (!active.contains(customerId) && erased < mostPerRun) {
                    erasure.erase(customerId, reason);
                    erased++;
                }
            }
        }
        return erased;
    }
}
