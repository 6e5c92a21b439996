package dev.retain.service.sla;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendars;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SLA run, once per schedule across instances: records breaches of running timers, and releases warnings (a
 * target's warn share used) and escalations (a breach) for notification — set-based, three statements, and only for
 * timers whose calendar is in working hours now: a breach at 23:00 is released at the next opening (09:00), never at
 * night. Each timer is released once ({@code warned_at}, {@code escalated_at}); the notification sources
 * ({@link SlaNotifications}) turn released rows into notifications for the assignee and the team's managers.
 */
@Service
public class SlaEscalation {

    private static final Logger log = LoggerFactory.getLogger(SlaEscalation.class);

    /** What one run did. */
    public record Run(int breached, int warned, int escalated) {}

    private final JdbcClient jdbc;
    private final BusinessCalendars calendars;
    private final Clock clock;

    SlaEscalation(JdbcClient jdbc, BusinessCalendars calendars, Clock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.clock = clock;
    }

    @Bean
    static ScheduledJob slaEscalationJob(
            @Value("${retain.service.sla.cron}") String cron, CompanyZone zone, SlaEscalation escalation) {
        return new ScheduledJob("service.sla", cron, zone.zone(), escalation::run);
    }

    @Transactional
    public Run run() {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        Long[] working = calendars.list().stream()
                .filter(calendar -> calendar.isWorkingTime(now))
                .map(BusinessCalendar::id)
                .toArray(Long[]::new);
        int breached = jdbc.sql("""
                        update ticket_sla_timers set breached_at = due_at
                        where state = 'RUNNING' and breached_at is null and due_at < :now""").param("now", at).update();
        int warned = jdbc.sql("""
                        update ticket_sla_timers set warned_at = :now
                        where state = 'RUNNING' and warned_at is null and breached_at is null and warn_at <= :now
                          and calendar_id = any (:working)""").param("now", at).param("working", working).update();
        int escalated = jdbc.sql("""
                        update ticket_sla_timers set escalated_at = :now
                        where state in ('RUNNING', 'PAUSED') and breached_at is not null and escalated_at is null
                          and calendar_id = any (:working)""").param("now", at).param("working", working).update();
        log.info("SLA run: {} breached, {} warned, {} escalated", breached, warned, escalated);
        return new Run(breached, warned, escalated);
    }
}
