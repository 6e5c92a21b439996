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
