package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Whose churn risk rose this week: today's scores against the baseline, the last scores from before the week began
 * (Monday, in the company's time zone). Scoring replaces all scores at once, so the baseline is kept aside just before
 * the first replacement of a week.
 */
@Service
public class ChurnRiskChanges {

    /** A rise smaller than this (in probability) is noise between two scorings, not news for the customer's owner. */
    static final double LEAST_RISE = 0.05;

    /** A customer whose risk rose: the probability at the baseline and now, and the band now. */
    public record Rise(long customerId, String customerName, double before, double now, String band) {}

    private final JdbcClient jdbc;
    private final CompanyZone zone;
    private final Clock clock;

    ChurnRiskChanges(JdbcClient jdbc, CompanyZone zone, Clock clock) {
        this.jdbc = jdbc;
        this.zone = zone;
        this.clock = clock;
    }

    /** The customers a user owns whose risk rose since the week began, the largest rise first. */
    public List<Rise> risenThisWeekFor(long ownerId, int limit) {
        return jdbc.sql("""
                        select s.customer_id, p.name, b.probability, s.probability, s.band
                        from churn_scores s
                        join churn_risk_baseline b on b.customer_id = s.customer_id
                        join customer_profiles_view p on p.id = s.customer_id
                        where p.owner_id = ? and s.scored_at >= ? and s.probability - b.probability >= ?
                        order by s.probability - b.probability desc, s.customer_id limit ?""")
                .params(ownerId, Timestamp.from(weekStart()), LEAST_RISE, limit)
                .query((rs, row) ->
                        new Rise(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5)))
                .list();
    }

    /** In the scoring's transaction, before the scores are replaced: last week's scores become the baseline. */
    void keepBaselineBeforeReplacing() {
        boolean fromBeforeThisWeek = jdbc.sql("select exists (select 1 from churn_scores where scored_at < ?)")
                .param(Timestamp.from(weekStart()))
                .query(Boolean.class)
                .single();
        if (fromBeforeThisWeek) {
            jdbc.sql("truncate churn_risk_baseline").update();
            jdbc.sql("""
                            insert into churn_risk_baseline (customer_id, probability, scored_at)
                            select customer_id, probability, scored_at from churn_scores""").update();
        }
    }

    Instant weekStart() {
        return zone.today(clock)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(zone.zone())
                .toInstant();
    }
}
