package dev.retain.service.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.platform.InvalidInputException;
import dev.retain.service.Ticket;
import dev.retain.service.TicketStatus;
import dev.retain.service.TicketWork;
import dev.retain.service.Visibility;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * SLA due times on the standard calendar (09:00–12:00, 13:00–18:00 in Shanghai, China's holidays and 调休 days) with a
 * moved clock: across a weekend, a public holiday and a make-up Saturday; paused while waiting for the customer and
 * resumed with the time left; stopped at solve and resumed by a reopen; the first matching policy wins; bad policies
 * refused with the field named and nothing written.
 */
@SlaTest
class SlaTimersTests {

    @Autowired
    SlaFixtures fixtures;

    @Autowired
    TicketSlas slas;

    @Autowired
    TicketWork work;

    @Autowired
    SlaPolicies policies;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTargetPastFridaysClosingIsDueOnMondayMorning() {
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 120, null, 600);
        fixtures.at("2026-11-13T16:30"); // Friday
        Ticket ticket = fixtures.aTicket(category);

        assertThat(due(ticket, SlaTarget.FIRST_RESPONSE)).isEqualTo("2026-11-16T09:30"); // 90 min Friday, 30 Monday
        assertThat(due(ticket, SlaTarget.RESOLUTION))
                .isEqualTo("2026-11-17T09:30"); // 90 Friday, 480 Monday, 30 Tuesday
    }

    @Test
    void holidaysAreSkippedAndAMakeUpSaturdayIsWorked() {
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 120, null, null);
        fixtures.at("2026-09-24T17:00"); // Thursday before 中秋 (Fri 25 – Sun 27 off)
        Ticket beforeHoliday = fixtures.aTicket(category);
        fixtures.at("2026-10-09T17:00"); // Friday before the 调休 Saturday 10 October
        Ticket beforeMakeUpDay = fixtures.aTicket(category);

        assertThat(due(beforeHoliday, SlaTarget.FIRST_RESPONSE)).isEqualTo("2026-09-28T10:00");
        assertThat(due(beforeMakeUpDay, SlaTarget.FIRST_RESPONSE)).isEqualTo("2026-10-10T10:00");
    }

    @Test
    void waitingForTheCustomerPausesTheTimersAndTheyResumeWithTheTimeLeft() {
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, null, null, 240);
        fixtures.at("2026-11-16T09:00"); // Monday
        Ticket ticket = fixtures.aTicket(category);
        fixtures.at("2026-11-16T10:00");
        work.changeStatus(ticket.id(), TicketStatus.PENDING_CUSTOMER);

        fixtures.at("2026-11-18T15:00"); // two days later, still waiting
        SlaStanding paused = standing(ticket, SlaTarget.RESOLUTION);
        assertThat(paused.paused()).isTrue();
        assertThat(paused.dueAt()).isNull();
        assertThat(paused.businessMinutesLeft()).isEqualTo(180);
        assertThat(paused.breached()).isFalse();

        work.customerWrites(ticket.id(), "照片在附件里", null); // back to OPEN
        SlaStanding resumed = standing(ticket, SlaTarget.RESOLUTION);
        assertThat(resumed.state()).isEqualTo(TimerState.RUNNING);
        assertThat(local(resumed.dueAt())).isEqualTo("2026-11-18T18:00"); // the 3 h left end at closing time
    }

    @Test
    void solvingStopsTheTimersAndAReopenResumesTheResolutionWithTheTimeLeft() {
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 60, null, 240);
        fixtures.at("2026-11-16T09:00");
        Ticket ticket = fixtures.aTicket(category);
        fixtures.at("2026-11-16T10:30");
        work.changeStatus(ticket.id(), TicketStatus.SOLVED);

        fixtures.at("2026-11-20T17:00"); // days later the stopped timers have not moved
        SlaStanding resolution = standing(ticket, SlaTarget.RESOLUTION);
        assertThat(resolution.state()).isEqualTo(TimerState.MET);
        assertThat(resolution.usedMinutes()).isEqualTo(90);
        assertThat(resolution.businessMinutesLeft()).isEqualTo(150);
        SlaStanding first = standing(ticket, SlaTarget.FIRST_RESPONSE);
        assertThat(first.state()).isEqualTo(TimerState.BREACHED);
        assertThat(local(first.breachedAt())).isEqualTo("2026-11-16T10:00");

        work.customerWrites(ticket.id(), "还是坏的", null); // within the reopen days: reopened
        SlaStanding reopened = standing(ticket, SlaTarget.RESOLUTION);
        assertThat(reopened.state()).isEqualTo(TimerState.RUNNING);
        assertThat(local(reopened.dueAt())).isEqualTo("2026-11-23T10:30"); // 60 min Friday, 90 min Monday
        assertThat(standing(ticket, SlaTarget.FIRST_RESPONSE).state()).isEqualTo(TimerState.BREACHED);
    }

    @Test
    void anAgentsPublicReplyMeetsTheResponseTargetsAndACustomersMessageStartsTheNext() {
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 60, 30, null);
        fixtures.at("2026-11-16T09:00");
        Ticket ticket = fixtures.aTicket(category);
        fixtures.at("2026-11-16T09:20");
        work.reply(ticket.id(), "内部记录", Visibility.INTERNAL);
        assertThat(standing(ticket, SlaTarget.FIRST_RESPONSE).state()).isEqualTo(TimerState.RUNNING);
        work.reply(ticket.id(), "您好，我们看看", Visibility.PUBLIC);
        assertThat(standing(ticket, SlaTarget.FIRST_RESPONSE).state()).isEqualTo(TimerState.MET);
        assertThat(standing(ticket, SlaTarget.FIRST_RESPONSE).usedMinutes()).isEqualTo(20);

        fixtures.at("2026-11-16T11:50");
        work.customerWrites(ticket.id(), "好的，等你们", null);
        SlaStanding next = standing(ticket, SlaTarget.NEXT_RESPONSE);
        assertThat(next.cycle()).isEqualTo(1);
        assertThat(local(next.dueAt())).isEqualTo("2026-11-16T13:20"); // lunch break is not working time
        fixtures.at("2026-11-16T13:10");
        work.reply(ticket.id(), "已安排补发", Visibility.PUBLIC);
        assertThat(standing(ticket, SlaTarget.NEXT_RESPONSE).state()).isEqualTo(TimerState.MET);
    }

    @Test
    void theFirstMatchingPolicyInOrderWins() {
        long category = fixtures.aCategory();
        SlaPolicy later = policies.create(draft("later " + fixtures.token, 900_000, category, List.of(), 30));
        SlaPolicy earlier = policies.create(draft("earlier " + fixtures.token, 899_000, category, List.of(), 45));
        SlaPolicy urgentOnly = policies.create(draft("urgent " + fixtures.token, 1, category, List.of("URGENT"), 15));
        fixtures.at("2026-11-16T09:00");
        Ticket ticket = fixtures.aTicket(category); // NORMAL: the urgent policy does not match

        assertThat(slas.of(ticket.id()).orElseThrow().policyName()).isEqualTo(earlier.name());
        assertThat(due(ticket, SlaTarget.FIRST_RESPONSE)).isEqualTo("2026-11-16T09:45");
        assertThat(List.of(later.id(), urgentOnly.id())).doesNotContain(earlier.id());
    }

    @Test
    void aPolicyWithAnInvalidConditionOrNegativeMinutesIsRefusedNamingTheFieldAndNothingIsWritten() {
        long before =
                jdbc.sql("select count(*) from sla_policies").query(Long.class).single();
        var badCondition = new SlaPolicyDraft(
                "bad " + fixtures.token,
                null,
                List.of("SOMETIMES"),
                List.of(),
                List.of(),
                JsonMapper.builder().build().readTree("{\"field\": \"no.such_field\", \"op\": \"eq\", \"value\": 1}"),
                null,
                -5,
                null,
                60,
                true,
                true,
                80,
                true);

        assertThatThrownBy(() -> policies.create(badCondition))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors())
                                .containsKeys("priorities[0]", "firstResponseMinutes")
                                .anySatisfy(
                                        (field, problem) -> assertThat(field).startsWith("customerCondition")));
        assertThat(jdbc.sql("select count(*) from sla_policies")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    private SlaPolicyDraft draft(String name, int position, long category, List<String> priorities, int first) {
        return new SlaPolicyDraft(
                name,
                position,
                priorities,
                List.of(category),
                List.of(),
                null,
                null,
                first,
                null,
                null,
                true,
                true,
                80,
                true);
    }

    private SlaStanding standing(Ticket ticket, SlaTarget target) {
        return slas.of(ticket.id()).orElseThrow().targets().stream()
                .filter(s -> s.target() == target)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private String due(Ticket ticket, SlaTarget target) {
        return local(standing(ticket, target).dueAt());
    }

    private static String local(java.time.Instant instant) {
        return LocalDateTime.ofInstant(instant, SlaFixtures.SHANGHAI).toString();
    }
}
