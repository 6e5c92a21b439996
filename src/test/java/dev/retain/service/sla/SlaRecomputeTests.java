package dev.retain.service.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.customers.Customer;
import dev.retain.platform.BusinessCalendar;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.SpecialDay;
import dev.retain.platform.WorkingHours;
import dev.retain.segments.Conditions;
import dev.retain.service.Ticket;
import dev.retain.service.TicketStatus;
import dev.retain.service.TicketWork;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * A calendar change moves the due times of the open tickets on it (a holiday added the day a target was due pushes it
 * to the next working day), leaving paused and stopped timers alone; and breaches count in the condition field
 * {@code service.breaches}.
 */
@SlaTest
class SlaRecomputeTests {

    @Autowired
    SlaFixtures fixtures;

    @Autowired
    BusinessCalendars calendars;

    @Autowired
    SlaPolicies policies;

    @Autowired
    TicketSlas slas;

    @Autowired
    TicketWork work;

    @Autowired
    SlaEscalation escalation;

    @Autowired
    Conditions conditions;

    @Autowired
    SlaRecompute recompute;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aHolidayAddedOnTheDueDayMovesTheDueTimeOfRunningTimersToTheNextWorkingDay() {
        var hours = new EnumMap<DayOfWeek, WorkingHours>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.put(day, WorkingHours.parse("09:00-18:00"));
        }
        BusinessCalendar calendar = calendars.create("分部日历 " + fixtures.token, SlaFixtures.SHANGHAI, hours);
        long category = fixtures.aCategory();
        policies.create(new SlaPolicyDraft(
                "分部 " + fixtures.token,
                null,
                List.of(),
                List.of(category),
                List.of(),
                null,
                calendar.id(),
                null,
                null,
                120,
                true,
                true,
                80,
                true));
        fixtures.at("2026-11-30T17:00"); // Monday: 60 min today, due Tuesday 10:00
        Ticket running = fixtures.aTicket(category);
        Ticket paused = fixtures.aTicket(category);
        work.changeStatus(paused.id(), TicketStatus.ON_HOLD);
        assertThat(due(running)).isEqualTo("2026-12-01T10:00");

        calendars.addSpecialDay(calendar.id(), SpecialDay.holiday(LocalDate.of(2026, 12, 1), "公司活动日"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(due(running)).isEqualTo("2026-12-02T10:00"));
        assertThat(standing(paused).paused()).isTrue();
        assertThat(standing(paused).businessMinutesLeft()).isEqualTo(120);
    }

    /**
     * A test-sized run of the recompute over many running timers, against a plain loop of one update per timer: both
     * must agree with the calendar's arithmetic; the times are printed (for the benchmark's record), not asserted.
     */
    @Test
    void theBatchedRecomputeGivesEveryRunningTimerTheCalendarsDueTime() {
        int count = 5_000;
        BusinessCalendar calendar =
                calendars.create("批量日历 " + fixtures.token, SlaFixtures.SHANGHAI, weekdays("09:00-12:00, 13:00-18:00"));
        Customer customer = fixtures.aCustomer();
        java.time.Instant opened = LocalDateTime.parse("2026-12-04T16:30")
                .atZone(SlaFixtures.SHANGHAI)
                .toInstant();
        jdbc.sql("""
                        with t as (
                            insert into tickets (customer_id, subject, channel, priority, status, created_by, created_at,
                                                 updated_at)
                            select ?, 'bench ' || g, 'API', 'NORMAL', 'OPEN', 'test', ?, ? from generate_series(1, ?) g
                            returning customer_id, id)
                        insert into ticket_sla_timers (customer_id, ticket_id, target, cycle, calendar_id, budget_minutes,
                                                       warn_percent, state, started_at, running_since, due_at, warn_at)
                        select customer_id, id, 'RESOLUTION', 0, ?, 600, 80, 'RUNNING', ?, ?, ?, ? from t""")
                .params(
                        customer.id(),
                        java.sql.Timestamp.from(opened),
                        java.sql.Timestamp.from(opened),
                        count,
                        calendar.id(),
                        java.sql.Timestamp.from(opened),
                        java.sql.Timestamp.from(opened),
                        java.sql.Timestamp.from(opened),
                        java.sql.Timestamp.from(opened))
                .update();
        java.time.Instant expected = calendar.plusWorkingTime(opened, Duration.ofMinutes(600));

        long batchStart = System.nanoTime();
        int recomputed = recompute.recompute(calendar.id());
        long batchMs = (System.nanoTime() - batchStart) / 1_000_000;
        assertThat(recomputed).isEqualTo(count);
        assertThat(dueTimes(customer.id())).containsOnly(expected);

        jdbc.sql("update ticket_sla_timers set due_at = started_at where customer_id = ?")
                .param(customer.id())
                .update();
        long loopStart = System.nanoTime();
        for (Long ticket : jdbc.sql("select ticket_id from ticket_sla_timers where customer_id = ?")
                .param(customer.id())
                .query(Long.class)
                .list()) {
            jdbc.sql("update ticket_sla_timers set due_at = ? where customer_id = ? and ticket_id = ?")
                    .params(
                            java.sql.Timestamp.from(calendar.plusWorkingTime(opened, Duration.ofMinutes(600))),
                            customer.id(),
                            ticket)
                    .update();
        }
        long loopMs = (System.nanoTime() - loopStart) / 1_000_000;
        assertThat(dueTimes(customer.id())).containsOnly(expected);
        System.out.printf("sla_recompute timers=%d batch_ms=%d loop_ms=%d%n", count, batchMs, loopMs);
    }

    @Test
    void breachesCountInTheConditionFieldServiceBreaches() {
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 30, null, null);
        Customer late = fixtures.aCustomer();
        Customer onTime = fixtures.aCustomer();
        fixtures.at("2026-11-16T09:00");
        fixtures.aTicket(category, late.id(), null, null);
        fixtures.aTicket(category, onTime.id(), null, null);
        fixtures.at("2026-11-16T09:20");
        Ticket answered = slasOf(onTime, category);
        work.reply(answered.id(), "马上处理", dev.retain.service.Visibility.PUBLIC);
        fixtures.at("2026-11-16T11:00");
        escalation.run();

        var condition = conditions.parse(JsonMapper.builder()
                .build()
                .readTree("{\"field\": \"service.breaches\", \"params\": {\"within_days\": 30}, \"op\": \"gte\","
                        + " \"value\": 1}"));
        assertThat(conditions.matchingAmong(condition, List.of(late.id(), onTime.id())))
                .containsExactly(late.id());
    }

    private List<java.time.Instant> dueTimes(long customerId) {
        return jdbc.sql("select due_at from ticket_sla_timers where customer_id = ?")
                .param(customerId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .list();
    }

    private static EnumMap<DayOfWeek, WorkingHours> weekdays(String hours) {
        var week = new EnumMap<DayOfWeek, WorkingHours>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, WorkingHours.parse(hours));
        }
        return week;
    }

    private Ticket slasOf(Customer customer, long category) {
        return fixtures.ticketsOf(customer.id()).stream()
                .filter(t -> category == t.categoryId())
                .findFirst()
                .orElseThrow();
    }

    private SlaStanding standing(Ticket ticket) {
        return slas.of(ticket.id()).orElseThrow().targets().get(0);
    }

    private String due(Ticket ticket) {
        return LocalDateTime.ofInstant(standing(ticket).dueAt(), SlaFixtures.SHANGHAI)
                .toString();
    }
}
