package dev.retain.service.sla;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendars;
import dev.retain.service.BreachingTickets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The BREACHING view: open tickets with a running (or paused) target already breached, or running and due within
 * {@code retain.service.sla.breaching-minutes} business minutes. "Within N business minutes" is one cutoff instant
 * per calendar, computed here, so the list stays one indexed SQL statement whatever the number of tickets.
 */
@Component
class SlaBreaching implements BreachingTickets {

    private final BusinessCalendars calendars;
    private final Clock clock;
    private final Duration soon;

    SlaBreaching(
            BusinessCalendars calendars,
            Clock clock,
            @Value("${retain.service.sla.breaching-minutes:60}") int breachingMinutes) {
        this.calendars = calendars;
        this.clock = clock;
        this.soon = Duration.ofMinutes(breachingMinutes);
    }

    @Override
    public String condition(List<Object> params) {
        Instant now = clock.instant();
        List<BusinessCalendar> all = calendars.list();
        params.add(all.stream().map(BusinessCalendar::id).toArray(Long[]::new));
        params.add(all.stream()
                .map(calendar -> calendar.plusWorkingTime(now, soon).toString())
                .toArray(String[]::new));
        params.add(Timestamp.from(now));
        return """
                exists (select 1 from ticket_sla_timers s
                        join unnest(cast(? as bigint[]), cast(cast(? as text[]) as timestamptz[])) as c(calendar_id, cutoff)
                          on c.calendar_id = s.calendar_id
                        where s.customer_id = t.customer_id and s.ticket_id = t.id
                          and ((s.state = 'RUNNING' and s.due_at <= c.cutoff)
                               or (s.state in ('RUNNING', 'PAUSED') and (s.breached_at is not null
                                                                         or s.due_at < cast(? as timestamptz)))))""";
    }
}
