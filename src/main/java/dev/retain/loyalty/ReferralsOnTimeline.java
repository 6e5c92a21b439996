package dev.retain.loyalty;

import dev.retain.customers.TimelineEntry;
import dev.retain.customers.TimelineSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Referrals on the timeline of both customers: the friend's "referred by", the referrer's "referred", at the time it
 * was attached, and its outcome (qualified, refused with the reason, reversed) when it was decided.
 */
@Component
class ReferralsOnTimeline implements TimelineSource {

    private final JdbcClient jdbc;

    ReferralsOnTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String kind() {
        return "referral";
    }

    @Override
    public int order() {
        return 57;
    }

    @Override
    public List<TimelineEntry> entries(long customerId, Instant before, int limit) {
        Timestamp until = Timestamp.from(before == null ? Instant.parse("9999-01-01T00:00:00Z") : before);
        List<Referral> referrals = jdbc.sql("select " + Referrals.COLUMNS + " from loyalty_referrals"
                        + " where (customer_id = :customer or referrer_id = :customer)"
                        + " and least(created_at, coalesce(decided_at, created_at)) < :until"
                        + " order by created_at desc limit :limit")
                .param("customer", customerId)
                .param("until", until)
                .param("limit", limit)
                .query(Referrals::referral)
                .list();
        List<TimelineEntry> entries = new ArrayList<>();
        for (Referral referral : referrals) {
            boolean friend = referral.friendId() == customerId;
            long other = friend ? referral.referrerId() : referral.friendId();
            String link = "/customers/" + other;
            if (referral.createdAt().isBefore(until.toInstant())) {
                entries.add(TimelineEntry.of(
                        referral.createdAt(), kind(), friend ? "referred_by" : "referred", null, link, other));
            }
            if (referral.decidedAt() != null && referral.decidedAt().isBefore(until.toInstant())) {
                entries.add(TimelineEntry.of(
                        referral.decidedAt(),
                        kind(),
                        referral.status().name().toLowerCase(Locale.ROOT),
                        null,
                        link,
                        other,
                        referral.reason() == null
                                ? ""
                                : TimelineEntry.translated("referrals.reason." + referral.reason())));
            }
        }
        return entries.stream()
                .sorted(Comparator.comparing(TimelineEntry::at).reversed())
                .limit(limit)
                .toList();
    }
}
