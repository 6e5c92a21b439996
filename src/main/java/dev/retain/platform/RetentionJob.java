package dev.retain.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Keeps the current and next month's partitions of every append-only log ready and drops expired ones. */
@Configuration(proxyBeanMethods = false)
class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final List<RetentionSchedule> schedules;
    private final MonthlyPartitions partitions;
    private final Clock clock;

    RetentionJob(List<RetentionSchedule> schedules, MonthlyPartitions partitions, Clock clock) {
        this.schedules = schedules;
        this.partitions = partitions;
        this.clock = clock;
    }

    @Bean
    static RetentionSchedule auditLogRetention(@Value("${retain.retention.audit-months}") int months) {
        return new RetentionSchedule(AuditLog.TABLE, months);
    }

    /** Nightly in the server's time zone, once in the cluster. */
    @Bean
    ScheduledJob partitionRetentionJob() {
        return new ScheduledJob("platform.retention", "0 17 3 * * *", ZoneId.systemDefault(), this::run);
    }

    /** Also at start on every instance, so the logs' partitions exist before anything writes (idempotent). */
    @EventListener(ApplicationReadyEvent.class)
    void run() {
        Instant now = clock.instant();
        for (RetentionSchedule schedule : schedules) {
            partitions.ensure(schedule.table(), now, now.plus(Duration.ofDays(31)));
            List<String> dropped = partitions.dropOlderThan(schedule.table(), schedule.months(), now);
            if (!dropped.isEmpty()) {
                log.info("Retention dropped {} (older than {} months)", dropped, schedule.months());
            }
        }
    }
}
