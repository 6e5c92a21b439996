package dev.retain.service.sla;

import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendarChanged;
import dev.retain.platform.BusinessCalendars;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;

/**
 * A calendar changed (a holiday added, hours edited): the running timers on it get their due and warning times again,
 * from the same Java arithmetic that set them, in batches — read a slice of timers by key, compute, write the slice
 * back with one statement over arrays. Paused and stopped timers have no due time to move; business time already
 * banked and breaches already recorded stay as they are.
 */
@Service
public class SlaRecompute {

    private static final Logger log = LoggerFactory.getLogger(SlaRecompute.class);
    static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final BusinessCalendars calendars;

    SlaRecompute(JdbcClient jdbc, BusinessCalendars calendars) {
        this.jdbc = jdbc;
        this.calendars = calendars;
    }

    @ApplicationModuleListener
    void on(BusinessCalendarChanged changed) {
        recompute(changed.calendarId());
    }

    /** Recomputes the running timers on the calendar; returns how many. */
    public int recompute(long calendarId) {
        BusinessCalendar calendar = calendars.find(calendarId);
        int done = 0;
        long afterCustomer = Long.MIN_VALUE;
        long afterTicket = Long.MIN_VALUE;
        String afterTarget = "";
        int afterCycle = Integer.MIN_VALUE;
        while (true) {
            List<Timer> slice = jdbc.sql("select " + TimerStore.COLUMNS + " from ticket_sla_timers"
                            + " where calendar_id = ? and state = 'RUNNING'"
                            + " and (customer_id, ticket_id, target, cycle) > (?, ?, ?, ?)"
                            + " order by customer_id, ticket_id, target, cycle limit " + BATCH)
                    .params(calendarId, afterCustomer, afterTicket, afterTarget, afterCycle)
                    .query(TimerStore::timer)
                    .list();
            if (slice.isEmpty()) {
                break;
            }
            write(slice.stream().map(timer -> timer.recomputed(calendar)).toList());
            done += slice.size();
            Timer last = slice.get(slice.size() - 1);
            afterCustomer = last.customerId();
            afterTicket = last.ticketId();
            afterTarget = last.target().name();
            afterCycle = last.cycle();
        }
        log.info("SLA due times recomputed on calendar {}: {} running timers", calendarId, done);
        return done;
    }

    private void write(List<Timer> timers) {
        List<Long> customers = new ArrayList<>();
        List<Long> tickets = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<Integer> cycles = new ArrayList<>();
        List<String> dues = new ArrayList<>();
        List<String> warns = new ArrayList<>();
        for (Timer timer : timers) {
            customers.add(timer.customerId());
            tickets.add(timer.ticketId());
            targets.add(timer.target().name());
            cycles.add(timer.cycle());
            dues.add(timer.dueAt().toString());
            warns.add(timer.warnAt().toString());
        }
        jdbc.sql("""
                        update ticket_sla_timers s
                        set due_at = v.due_at, warn_at = v.warn_at
                        from unnest(cast(? as bigint[]), cast(? as bigint[]), cast(? as text[]), cast(? as int[]),
                                    cast(cast(? as text[]) as timestamptz[]), cast(cast(? as text[]) as timestamptz[]))
                             as v(customer_id, ticket_id, target, cycle, due_at, warn_at)
                        where s.customer_id = v.customer_id and s.ticket_id = v.ticket_id and s.target = v.target
                          and s.cycle = v.cycle and s.state = 'RUNNING'""")
                .params(
                        customers.toArray(Long[]::new),
                        tickets.toArray(Long[]::new),
                        targets.toArray(String[]::new),
                        cycles.toArray(Integer[]::new),
                        dues.toArray(String[]::new),
                        warns.toArray(String[]::new))
                .update();
    }
}
