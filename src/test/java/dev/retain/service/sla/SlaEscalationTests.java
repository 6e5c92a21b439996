package dev.retain.service.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.notifications.NotificationRun;
import dev.retain.platform.Role;
import dev.retain.platform.Team;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccount;
import dev.retain.platform.UserAccounts;
import dev.retain.service.Ticket;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Warnings and escalations only in the calendar's working hours, once: a target breached at the evening's closing is
 * escalated to the team's managers when the next working day opens, not at 23:00, and never again; the assignee is
 * warned when the warn share of the target is used.
 */
@SlaTest
class SlaEscalationTests {

    private static final String PASSWORD = "sla escalation test password";

    @Autowired
    SlaFixtures fixtures;

    @Autowired
    SlaEscalation escalation;

    @Autowired
    NotificationRun notifications;

    @Autowired
    UserAccounts users;

    @Autowired
    Teams teams;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAssigneeIsWarnedOnceWhenMostOfTheTimeIsUsedAndTheManagersAtTheBreach() {
        UserAccount agent = user("agent", Role.SERVICE);
        UserAccount manager = user("manager", Role.MANAGER);
        Team team = teams.create("售后组 " + fixtures.token, null);
        teams.placeUser(agent.id(), team.id());
        teams.setManagers(team.id(), List.of(manager.id()));
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 60, null, null);
        fixtures.at("2026-11-16T17:30"); // Monday: 30 min today, due 09:30 Tuesday; 80 % used at 09:18
        Ticket ticket = fixtures.aTicket(category, fixtures.aCustomer().id(), agent.id(), team.id());

        fixtures.at("2026-11-16T23:00");
        escalation.run();
        notifications.runAll();
        assertThat(notified(agent, "SLA_WARNING", ticket)).isZero();

        fixtures.at("2026-11-17T09:20");
        escalation.run();
        notifications.runAll();
        fixtures.at("2026-11-17T09:25");
        escalation.run();
        notifications.runAll();
        assertThat(notified(agent, "SLA_WARNING", ticket)).isEqualTo(1);
        assertThat(notified(manager, "SLA_BREACHED", ticket)).isZero();

        fixtures.at("2026-11-17T09:31");
        escalation.run();
        notifications.runAll();
        assertThat(notified(manager, "SLA_BREACHED", ticket)).isEqualTo(1);
        assertThat(notified(agent, "SLA_WARNING", ticket)).isEqualTo(1);
    }

    @Test
    void aTargetBreachedAtTheEveningsClosingIsEscalatedNextMorningOnce() {
        UserAccount agent = user("agent2", Role.SERVICE);
        UserAccount manager = user("manager2", Role.MANAGER);
        Team team = teams.create("夜班 " + fixtures.token, null);
        teams.placeUser(agent.id(), team.id());
        teams.setManagers(team.id(), List.of(manager.id()));
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 30, null, null);
        fixtures.at("2026-11-16T17:30"); // due at 18:00, the closing
        Ticket ticket = fixtures.aTicket(category, fixtures.aCustomer().id(), agent.id(), null);

        fixtures.at("2026-11-16T23:00");
        var night = escalation.run();
        notifications.runAll();
        assertThat(night.breached()).isGreaterThanOrEqualTo(1);
        assertThat(notified(manager, "SLA_BREACHED", ticket)).isZero();
        assertThat(breachedAt(ticket)).isEqualTo("2026-11-16T18:00");

        fixtures.at("2026-11-17T09:00");
        escalation.run();
        notifications.runAll();
        assertThat(notified(manager, "SLA_BREACHED", ticket)).isEqualTo(1);
        assertThat(createdAt(manager, ticket)).isEqualTo("2026-11-17T09:00");

        fixtures.at("2026-11-17T09:05");
        escalation.run();
        notifications.runAll();
        fixtures.at("2026-11-18T10:00");
        escalation.run();
        notifications.runAll();
        assertThat(notified(manager, "SLA_BREACHED", ticket)).isEqualTo(1);
    }

    private long notified(UserAccount recipient, String kind, Ticket ticket) {
        return jdbc.sql("select count(*) from notifications where recipient_id = ? and kind = ? and subject like ?")
                .params(recipient.id(), kind, "sla:" + ticket.id() + ":%")
                .query(Long.class)
                .single();
    }

    private String createdAt(UserAccount recipient, Ticket ticket) {
        return jdbc.sql("select created_at from notifications where recipient_id = ? and subject like ?")
                .params(recipient.id(), "sla:" + ticket.id() + ":%")
                .query((rs, n) -> LocalDateTime.ofInstant(rs.getTimestamp(1).toInstant(), SlaFixtures.SHANGHAI)
                        .toString())
                .single();
    }

    private String breachedAt(Ticket ticket) {
        return jdbc.sql("select breached_at from ticket_sla_timers where ticket_id = ? and target = 'FIRST_RESPONSE'")
                .param(ticket.id())
                .query((rs, n) -> LocalDateTime.ofInstant(rs.getTimestamp(1).toInstant(), SlaFixtures.SHANGHAI)
                        .toString())
                .single();
    }

    private UserAccount user(String name, Role role) {
        return users.create(new UserAccounts.NewUser(name + "-" + fixtures.token, name, null, PASSWORD, Set.of(role)));
    }
}
