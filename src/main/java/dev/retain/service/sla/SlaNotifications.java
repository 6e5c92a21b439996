package dev.retain.service.sla;

import dev.retain.platform.NotificationKind;
import dev.retain.platform.NotificationSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SLA warnings to the ticket's assignee and breaches to the managers of the ticket's team (or of the assignee's team
 * when the ticket names none), from the timers the SLA run released in working hours. One notification per timer and
 * recipient: the subject names ticket, target and cycle.
 */
@Configuration(proxyBeanMethods = false)
class SlaNotifications {

    private static final String DETAIL = "'#' || t.number || ' ' || t.subject";
    private static final String SUBJECT = "'sla:' || s.ticket_id || ':' || s.target || ':' || s.cycle";

    @Bean
    NotificationSource slaWarnings() {
        return source(NotificationKind.SLA_WARNING, """
                select s.customer_id, t.assignee_id as recipient_id, %s as subject, s.due_at, %s as detail
                from ticket_sla_timers s
                join tickets t on t.customer_id = s.customer_id and t.id = s.ticket_id
                where s.warned_at > :since and s.state = 'RUNNING'""".formatted(SUBJECT, DETAIL));
    }

    @Bean
    NotificationSource slaBreaches() {
        return source(NotificationKind.SLA_BREACHED, """
                select s.customer_id, m.user_id as recipient_id, %s as subject, s.breached_at as due_at, %s as detail
                from ticket_sla_timers s
                join tickets t on t.customer_id = s.customer_id and t.id = s.ticket_id
                join team_managers m on m.team_id = coalesce(t.team_id,
                    (select tm.team_id from team_members tm where tm.user_id = t.assignee_id))
                where s.escalated_at > :since""".formatted(SUBJECT, DETAIL));
    }

    private static NotificationSource source(NotificationKind kind, String select) {
        return new NotificationSource() {
            @Override
            public NotificationKind kind() {
                return kind;
            }

            @Override
            public Cadence cadence() {
                return Cadence.FREQUENT;
            }

            @Override
            public String select() {
                return select;
            }
        };
    }
}
