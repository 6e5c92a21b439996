package dev.retain.notifications;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource;
import dev.retain.platform.NotificationSource.Cadence;
import dev.retain.platform.ScheduledJob;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The producer run: turns what each {@link NotificationSource} finds due into notifications, one set-based insert per
 * source. "Never twice for the same thing" is the table's unique key on customer, recipient, kind and subject with
 * {@code on conflict do nothing}, so runs that overlap — the same instance twice, two instances at once — agree without
 * coordinating. Frequent sources (things due at a time) run every few minutes in the working day, daily ones (things
 * due on a day) once in the morning.
 */
@Service
public class NotificationRun {

    private static final Logger log = LoggerFactory.getLogger(NotificationRun.class);

    private final JdbcClient jdbc;
    private final List<NotificationSource> sources;
    private final CompanyZone zone;
    private final Clock clock;
    private final Duration lookback;

    NotificationRun(
            JdbcClient jdbc,
            List<NotificationSource> sources,
            CompanyZone zone,
            Clock clock,
            @Value("${retain.notifications.lookback-days:7}") int lookbackDays) {
        this.jdbc = jdbc;
        this.sources = List.copyOf(sources);
        this.zone = zone;
        this.clock = clock;
        this.lookback = Duration.ofDays(lookbackDays);
    }

    @Bean
    ScheduledJob notificationsFrequentJob(@Value("${retain.notifications.frequent-cron}") String cron) {
        return new ScheduledJob("notifications.frequent", cron, zone.zone(), () -> run(Cadence.FREQUENT));
    }

    @Bean
    ScheduledJob notificationsDailyJob(@Value("${retain.notifications.daily-cron}") String cron) {
        return new ScheduledJob("notifications.daily", cron, zone.zone(), () -> run(Cadence.DAILY));
    }

    /** Runs the sources of every cadence: what the scheduled runs together would have made by now. */
    public Map<NotificationKind, Integer> runAll() {
        Map<NotificationKind, Integer> made = run(Cadence.DAILY);
        run(Cadence.FREQUENT).forEach((kind, count) -> made.merge(kind, count, Integer::sum));
        return made;
    }

    /** Runs the sources of one cadence; returns how many notifications each kind made. */
    public Map<NotificationKind, Integer> run(Cadence cadence) {
        Instant now = clock.instant();
        Map<NotificationKind, Integer> made = new EnumMap<>(NotificationKind.class);
        for (NotificationSource source : sources) {
            if (source.cadence() == cadence && source.enabled()) {
                made.merge(source.kind(), produce(source, now), Integer::sum);
            }
        }
        log.info("Notifications ({}): {}", cadence, made);
        return made;
    }

    private int produce(NotificationSource source, Instant now) {
        var statement = jdbc.sql("insert into notifications"
                        + " (customer_id, recipient_id, kind, subject, due_at, detail, created_at)"
                        + " select s.customer_id, s.recipient_id, :kind, s.subject, s.due_at, s.detail, :now"
                        + " from (" + source.select() + ") s where s.recipient_id is not null"
                        + " on conflict (customer_id, recipient_id, kind, subject) do nothing")
                .param("kind", source.kind().name())
                .param("now", Timestamp.from(now))
                .param("since", Timestamp.from(now.minus(lookback)))
                .param("today", zone.today(clock))
                .param("zone", zone.zone().getId());
        for (var parameter : source.parameters().entrySet()) {
            statement = statement.param(parameter.getKey(), parameter.getValue());
        }
        return statement.update();
    }
}
