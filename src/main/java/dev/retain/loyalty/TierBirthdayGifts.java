package dev.retain.loyalty;

import dev.retain.platform.CompanyZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The birthday gift of a tier: in the member's birthday month (company time zone) the points of the tier they hold,
 * once a year — spendable at once, expiring like other points — set-based for every member whose birthday month it is.
 * The idempotency key {@code birthday:<customer>:<year>} makes a second gift in the same year impossible.
 */
@Component
class TierBirthdayGifts {

    private static final String DUE = """
            select mt.customer_id
            from loyalty_member_tiers mt
            join loyalty_tiers t on t.id = mt.tier_id
            join customer_profiles_view c on c.id = mt.customer_id
            where t.birthday_points > 0 and extract(month from c.birthday) = :month
              and not exists (select 1 from loyalty_keys k
                              where k.idempotency_key = 'birthday:' || mt.customer_id || ':' || :year)""";

    private final JdbcClient jdbc;
    private final Awarding awarding;
    private final CompanyZone zone;
    private final Clock clock;

    TierBirthdayGifts(JdbcClient jdbc, Awarding awarding, CompanyZone zone, Clock clock) {
        this.jdbc = jdbc;
        this.awarding = awarding;
        this.zone = zone;
        this.clock = clock;
    }

    /** Gives this year's gift to every member whose birthday month it is and who has not had it. Returns how many. */
    @Transactional
    int give() {
        Instant now = clock.instant();
        LocalDate today = zone.today(clock);
        Map<String, Object> params = Map.of("month", today.getMonthValue(), "year", Integer.toString(today.getYear()));
        MemberScope scope = MemberScope.lock(jdbc, DUE, params);
        awarding.stage();
        jdbc.sql("""
                        insert into loyalty_awarding (id, customer_id, reason, idempotency_key, key_claimed, points,
                                                      earned_on, available_at, note, actor)
                        select nextval('loyalty_transaction_ids'), d.customer_id, 'CAMPAIGN',
                               'birthday:' || d.customer_id || ':' || :year, false, t.birthday_points, :today, :now,
                               'birthday ' || :year || ' · ' || t.name, 'system'
                        from (%s) d
                        join loyalty_member_tiers mt on mt.customer_id = d.customer_id
                        join loyalty_tiers t on t.id = mt.tier_id
                        where %s""".formatted(DUE, scope.members("d.customer_id")))
                .params(params)
                .param("today", java.sql.Date.valueOf(today))
                .param("now", Timestamp.from(now))
                .update();
        return awarding.writeStaged(now);
    }
}
