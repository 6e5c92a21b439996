package dev.retain.service.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.platform.BusinessCalendars;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.Role;
import dev.retain.platform.Teams;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.service.NewTicket;
import dev.retain.service.TicketCategories;
import dev.retain.service.TicketChannel;
import dev.retain.service.TicketStatus;
import dev.retain.service.TicketWork;
import dev.retain.service.Tickets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dispatch as the desk sees it: the fairness test (1,000 tickets to 10 agents with caps, tickets solved meanwhile: no
 * agent over cap after any assignment — a trigger checks every one — and round robin's spread within one of even),
 * least loaded, skills, duty, the queue draining oldest first, many threads dispatching at once, VIP customers to
 * their owner first, and bad rules and settings refused with nothing written.
 */
@IntegrationTest
class DispatchTests {

    private static final String PASSWORD = "dispatch test password";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Tickets tickets;

    @Autowired
    TicketWork work;

    @Autowired
    TicketCategories categories;

    @Autowired
    Customers customers;

    @Autowired
    UserAccounts users;

    @Autowired
    Teams teams;

    @Autowired
    TicketDispatcher dispatcher;

    @Autowired
    DispatchSettings settings;

    @Autowired
    DispatchRules rules;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    BusinessCalendars calendars;

    @LocalServerPort
    int port;

    private final String token = Long.toString(System.nanoTime(), 36);

    /** Every assignment that put an agent over their cap, recorded by a trigger on tickets while the tests run. */
    @BeforeAll
    static void watchCaps(@Autowired JdbcClient jdbc) {
        jdbc.sql("drop table if exists dispatch_test_over_cap").update();
        jdbc.sql("create table dispatch_test_over_cap (user_id bigint, load bigint, cap int)")
                .update();
        jdbc.sql("""
                        create or replace function dispatch_test_check_cap() returns trigger language plpgsql as $$
                        declare v_cap int; v_load bigint;
                        begin
                            select coalesce(a.cap, t.default_cap) into v_cap
                            from dispatch_agents a join team_members m on m.user_id = a.user_id
                                 join dispatch_teams t on t.team_id = m.team_id
                            where a.user_id = new.assignee_id;
                            if v_cap is null then return null; end if;
                            select count(*) into v_load from tickets
                            where assignee_id = new.assignee_id and status not in ('SOLVED', 'CLOSED');
                            if v_load > v_cap then
                                insert into dispatch_test_over_cap values (new.assignee_id, v_load, v_cap);
                            end if;
                            return null;
                        end $$""").update();
        jdbc.sql("drop trigger if exists dispatch_test_check_cap on tickets").update();
        jdbc.sql("""
                        create trigger dispatch_test_check_cap after update of assignee_id on tickets
                        for each row when (new.assignee_id is not null) execute function dispatch_test_check_cap()""").update();
    }

    @AfterAll
    static void stopWatching(@Autowired JdbcClient jdbc) {
        jdbc.sql("drop trigger if exists dispatch_test_check_cap on tickets").update();
        jdbc.sql("drop function if exists dispatch_test_check_cap()").update();
        jdbc.sql("drop table if exists dispatch_test_over_cap").update();
    }

    @Test
    void fairnessThousandTicketsToTenAgentsWithCapsNeverOverCapAndEvenWithinOne() {
        List<Long> agents = agents(10, "fair");
        long team = team("fair", agents, DispatchStrategy.ROUND_ROBIN, 5);
        long customer = customer("fair", null).id();
        List<Long> opened = new ArrayList<>();
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 10; i++) {
                opened.add(open(customer, team, null));
            }
            awaitDispatched(opened);
            // the desk solves 8 a round, oldest assignment first: capacity runs out and the queue grows meanwhile
            for (long ticket : oldestAssigned(agents, round < 90 ? 8 : 50)) {
                work.changeStatus(ticket, TicketStatus.SOLVED);
            }
            assertThat(maxLoad(agents)).isLessThanOrEqualTo(5);
        }
        for (int rest = 0; queued(team) > 0 && rest < 100; rest++) {
            for (long ticket : oldestAssigned(agents, 50)) {
                work.changeStatus(ticket, TicketStatus.SOLVED);
            }
            awaitDispatched(opened);
        }
        assertThat(assignedAmong(opened)).isEqualTo(opened.size());

        assertThat(overCap()).isEmpty();
        List<Long> counts = jdbc.sql("""
                        select count(*) from tickets where id = any (?) group by assignee_id order by 1""")
                .param(opened.toArray(Long[]::new))
                .query(Long.class)
                .list();
        assertThat(counts).hasSize(10);
        assertThat(Collections.max(counts) - Collections.min(counts)).isLessThanOrEqualTo(1);
        assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        assertThat(jdbc.sql("select count(*) from ticket_assignments where ticket_id = any (?) and kind = 'QUEUE'")
                        .param(opened.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .as("some tickets waited in the queue")
                .isPositive();
    }

    @Test
    void leastLoadedPicksTheAgentWithFewestOpenTickets() {
        List<Long> agents = agents(3, "least");
        long team = team("least", agents, DispatchStrategy.LEAST_LOADED, 10);
        long customer = customer("least", null).id();
        // the first agent already has two tickets, the second one
        for (int i = 0; i < 2; i++) {
            work.assign(open(customer, null, null), agents.get(0));
        }
        long byHand = open(customer, null, null);
        work.assign(byHand, agents.get(1));
        assertThat(jdbc.sql("select kind || '/' || assignee_id from ticket_assignments where ticket_id = ?")
                        .param(byHand)
                        .query(String.class)
                        .single())
                .isEqualTo("MANUAL/" + agents.get(1));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'assign' and entity_type = 'ticket'"
                                + " and entity_id = ?")
                        .param(Long.toString(byHand))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        long ticket = open(customer, team, null);
        awaitDispatched(List.of(ticket));
        assertThat(assignee(ticket)).isEqualTo(agents.get(2));
        long next = open(customer, team, null);
        awaitDispatched(List.of(next));
        assertThat(assignee(next))
                .as("agents 2 and 3 have one each; agent 3 got one last")
                .isEqualTo(agents.get(1));
    }

    @Test
    void skillsAreRespectedAndOffDutyAgentsSkipped() {
        List<Long> agents = agents(3, "skill");
        long team = team("skill", agents, DispatchStrategy.ROUND_ROBIN, 10);
        long returns = categories.create("退货 " + token, "Returns " + token).id();
        long quality = categories.create("质量 " + token, "Quality " + token).id();
        settings.setAgent(new AgentDispatch(agents.get(0), true, null, List.of(returns), List.of("zh")));
        settings.setAgent(new AgentDispatch(agents.get(1), true, null, List.of(quality), List.of("en")));
        settings.setDuty(agents.get(2), false);
        rules.add(new DispatchRules.Draft(
                "English quality " + token,
                "{\"field\": \"ticket.category_id\", \"op\": \"eq\", \"value\": " + quality + "}",
                team,
                false,
                "en",
                true));
        long customer = customer("skill", null).id();

        List<Long> returnTickets = new ArrayList<>();
        List<Long> qualityTickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            returnTickets.add(open(customer, team, returns));
            qualityTickets.add(open(customer, team, quality));
        }
        awaitDispatched(returnTickets);
        awaitDispatched(qualityTickets);
        assertThat(returnTickets).allSatisfy(t -> assertThat(assignee(t)).isEqualTo(agents.get(0)));
        assertThat(qualityTickets).allSatisfy(t -> assertThat(assignee(t)).isEqualTo(agents.get(1)));
        assertThat(jdbc.sql("select count(*) from tickets where assignee_id = ?")
                        .param(agents.get(2))
                        .query(Long.class)
                        .single())
                .as("off duty")
                .isZero();
        assertThat(jdbc.sql("select kind, rule_id is not null from ticket_assignments where ticket_id = ?")
                        .param(qualityTickets.get(0))
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getBoolean(2))
                        .single())
                .isEqualTo("RULE/true");
    }

    @Test
    void theQueueDrainsOldestFirstWhenCapacityFreesOrAnAgentComesOnDuty() {
        List<Long> agents = agents(2, "queue");
        long team = team("queue", agents, DispatchStrategy.ROUND_ROBIN, 1);
        settings.setDuty(agents.get(1), false);
        long customer = customer("queue", null).id();
        long first = open(customer, team, null);
        awaitDispatched(List.of(first));
        List<Long> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(open(customer, team, null));
        }
        awaitDispatched(waiting);
        assertThat(waiting).allSatisfy(t -> assertThat(assignee(t)).isNull());
        assertThat(settings.queue().stream().map(DispatchSettings.Queued::ticketId))
                .containsSubsequence(waiting);

        work.changeStatus(first, TicketStatus.SOLVED);
        await().atMost(WAIT).until(() -> assignee(waiting.get(0)) != null);
        assertThat(assignee(waiting.get(0))).isEqualTo(agents.get(0));
        assertThat(assignee(waiting.get(1))).isNull();

        settings.setDuty(agents.get(1), true);
        assertThat(assignee(waiting.get(1))).isEqualTo(agents.get(1));
        assertThat(assignee(waiting.get(2))).as("both at their cap of one").isNull();
        assertThat(queued(team)).isEqualTo(1);
    }

    @Test
    void manyThreadsDispatchingAtOnceNeverPutAnAgentOverCap() throws Exception {
        List<Long> agents = agents(4, "busy");
        long team = team("busy", agents, DispatchStrategy.LEAST_LOADED, 7);
        settings.setTeam(new TeamDispatch(team, false, DispatchStrategy.LEAST_LOADED, 7, null));
        long customer = customer("busy", null).id();
        List<Long> opened = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            opened.add(open(customer, team, null));
        }
        awaitDispatched(opened);
        settings.setTeam(new TeamDispatch(team, true, DispatchStrategy.LEAST_LOADED, 7, null));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<TicketDispatcher.Outcome>> outcomes = new ArrayList<>();
            for (long ticket : opened) {
                outcomes.add(threads.submit(() -> dispatcher.dispatch(ticket)));
            }
            for (var outcome : outcomes) {
                outcome.get();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(overCap()).isEmpty();
        assertThat(maxLoad(agents)).isEqualTo(7);
        assertThat(assignedAmong(opened)).isEqualTo(28);
        assertThat(queued(team)).isEqualTo(52);
    }

    @Test
    void ticketsOpenedByManyThreadsAtOnceNeverPutAnAgentOverCap() throws Exception {
        List<Long> agents = agents(3, "rush");
        long team = team("rush", agents, DispatchStrategy.ROUND_ROBIN, 5);
        long customer = customer("rush", null).id();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Long> opened = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                done.add(threads.submit(() -> opened.add(open(customer, team, null))));
            }
            for (var each : done) {
                each.get();
            }
        } finally {
            threads.shutdown();
        }
        awaitDispatched(opened);
        assertThat(overCap()).isEmpty();
        assertThat(maxLoad(agents)).isEqualTo(5);
        assertThat(assignedAmong(opened)).isEqualTo(15);
        assertThat(queued(team)).isEqualTo(45);
    }

    @Test
    void aVipCustomerGoesToTheirOwnerFirstWhenTheOwnerIsOnDutyWithCapacity() {
        List<Long> agents = agents(2, "vip");
        long team = team("vip", agents, DispatchStrategy.ROUND_ROBIN, 5);
        long owner = agents(1, "vipowner").get(0);
        settings.setAgent(new AgentDispatch(owner, true, 1, List.of(), List.of()));
        long vip = categories.create("VIP " + token, "VIP " + token).id();
        rules.add(new DispatchRules.Draft(
                "VIP " + token,
                "{\"field\": \"ticket.category_id\", \"op\": \"eq\", \"value\": " + vip + "}",
                team,
                true,
                null,
                true));
        long customer = customer("vip", owner).id();

        long first = open(customer, null, vip);
        awaitDispatched(List.of(first));
        assertThat(assignee(first)).isEqualTo(owner);
        long second = open(customer, null, vip);
        awaitDispatched(List.of(second));
        assertThat(assignee(second))
                .as("the owner is at their cap: the team takes it")
                .isIn(agents);
        assertThat(jdbc.sql("select kind from ticket_assignments where ticket_id = ?")
                        .param(first)
                        .query(String.class)
                        .single())
                .isEqualTo("OWNER_FIRST");
    }

    @Test
    void badRulesAndSettingsAreRefusedNamingWhatWasWrongAndNothingIsWritten() {
        long team = team("bad", agents(1, "bad"), DispatchStrategy.ROUND_ROBIN, 3);
        int rulesBefore = rules.all().size();
        assertThatThrownBy(() -> rules.add(new DispatchRules.Draft(
                        "bad " + token,
                        "{\"field\": \"no.such\", \"op\": \"eq\", \"value\": 1}",
                        team,
                        false,
                        null,
                        true)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().keySet()).anyMatch(k -> k.startsWith("condition")));
        assertThatThrownBy(
                        () -> rules.add(new DispatchRules.Draft("bad " + token, "{not json", team, false, null, true)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("condition"));
        assertThatThrownBy(() -> rules.add(new DispatchRules.Draft(
                        "bad " + token,
                        "{\"field\": \"ticket.priority\", \"op\": \"eq\", \"value\": \"HIGH\"}",
                        987654321L,
                        false,
                        null,
                        true)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("teamId"));
        assertThat(rules.all()).hasSize(rulesBefore);

        assertThatThrownBy(() -> settings.setTeam(new TeamDispatch(team, true, DispatchStrategy.ROUND_ROBIN, -1, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("defaultCap"));
        assertThat(settings.team(team).defaultCap()).isEqualTo(3);
        assertThatThrownBy(() ->
                        settings.setAgent(new AgentDispatch(users.list().get(0).id(), true, -2, List.of(), List.of())))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("cap"));
    }

    @Test
    void throughTheApiBadInputIsAClearProblemAndNothingIsWritten() {
        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        long team = team("api", agents(1, "api"), DispatchStrategy.ROUND_ROBIN, 4);
        int rulesBefore = rules.all().size();

        var invalidCondition = manager.post(
                "/api/v1/dispatch/rules",
                Map.of("name", "bad", "teamId", team, "condition", Map.of("field", "ticket.priority", "op", "gt")));
        assertThat(invalidCondition.status()).isEqualTo(400);
        assertThat(invalidCondition.body().toString()).contains("condition");
        var unknownTeam = manager.post(
                "/api/v1/dispatch/rules",
                Map.of(
                        "name",
                        "bad",
                        "teamId",
                        987654321L,
                        "condition",
                        Map.of("field", "ticket.priority", "op", "eq", "value", "HIGH")));
        assertThat(unknownTeam.status()).isEqualTo(400);
        assertThat(unknownTeam.body().toString()).contains("no team 987654321");
        assertThat(rules.all()).hasSize(rulesBefore);

        var negativeCap =
                manager.put("/api/v1/dispatch/teams/" + team, Map.of("strategy", "LEAST_LOADED", "defaultCap", -1));
        assertThat(negativeCap.status()).isEqualTo(400);
        assertThat(negativeCap.body().toString()).contains("defaultCap");
        var badStrategy = manager.put("/api/v1/dispatch/teams/" + team, Map.of("strategy", "RANDOM", "defaultCap", 3));
        assertThat(badStrategy.status()).isEqualTo(400);
        assertThat(settings.team(team).strategy()).isEqualTo(DispatchStrategy.ROUND_ROBIN);
        assertThat(settings.team(team).defaultCap()).isEqualTo(4);
        assertThat(manager.put("/api/v1/dispatch/teams/987654321", Map.of("defaultCap", 3))
                        .status())
                .isEqualTo(404);

        var added = manager.post(
                "/api/v1/dispatch/rules",
                Map.of(
                        "name",
                        "urgent " + token,
                        "teamId",
                        team,
                        "active",
                        false,
                        "condition",
                        Map.of("field", "ticket.priority", "op", "eq", "value", "URGENT")));
        assertThat(added.status()).isEqualTo(201);
        assertThat(manager.delete("/api/v1/dispatch/rules/"
                                + added.body().get("id").asLong())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aManagerKeepsDispatchOnItsPageAndAnAgentTogglesTheirDutyFromTheTicketList() {
        long team = team("page", agents(1, "page"), DispatchStrategy.ROUND_ROBIN, 2);
        String managerName = "dispatch-manager-" + token;
        users.create(new UserAccounts.NewUser(managerName, managerName, null, PASSWORD, Set.of(Role.MANAGER)));
        WebSession manager = new WebSession(port);
        manager.signIn(managerName, PASSWORD);
        assertThat(manager.get("/service/dispatch").body()).contains("id=\"team-" + team + "\"");
        manager.post(
                "/service/dispatch/teams/" + team,
                "/service/dispatch",
                Map.of("autoAssign", "true", "strategy", "LEAST_LOADED", "defaultCap", "6"));
        assertThat(settings.team(team).strategy()).isEqualTo(DispatchStrategy.LEAST_LOADED);
        assertThat(settings.team(team).defaultCap()).isEqualTo(6);
        long ticket = open(customer("page", null).id(), team, null);
        awaitDispatched(List.of(ticket));
        assertThat(manager.get("/tickets/" + ticket).body())
                .contains("id=\"assignments\"")
                .contains(users.find(assignee(ticket)).displayName());

        String agentName = "dispatch-agent-" + token;
        long agent = users.create(new UserAccounts.NewUser(agentName, agentName, null, PASSWORD, Set.of(Role.SERVICE)))
                .id();
        WebSession session = new WebSession(port);
        session.signIn(agentName, PASSWORD);
        assertThat(session.get("/tickets").body()).contains("id=\"duty-toggle\"");
        session.post("/service/dispatch/duty", "/tickets", Map.of("onDuty", "true"));
        assertThat(settings.agent(agent).onDuty()).isTrue();
        session.post("/service/dispatch/duty", "/tickets", Map.of("onDuty", "false"));
        assertThat(settings.agent(agent).onDuty()).isFalse();
        assertThat(session.get("/service/dispatch").statusCode()).isEqualTo(403);
    }

    @Test
    void outsideTheTeamsWorkingHoursTicketsWait() {
        List<Long> agents = agents(1, "hours");
        long team = team("hours", agents, DispatchStrategy.ROUND_ROBIN, 5);
        // a calendar working one hour on a day three days from now: never now
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
        long closed = calendars
                .create(
                        "closed " + token,
                        zone,
                        Map.of(
                                java.time.LocalDate.now(zone).plusDays(3).getDayOfWeek(),
                                dev.retain.platform.WorkingHours.of(
                                        dev.retain.platform.WorkingHours.Period.of("09:00", "10:00"))))
                .id();
        settings.setTeam(new TeamDispatch(team, true, DispatchStrategy.ROUND_ROBIN, 5, closed));
        long ticket = open(customer("hours", null).id(), team, null);
        awaitDispatched(List.of(ticket));
        assertThat(assignee(ticket)).isNull();
        assertThat(queued(team)).isEqualTo(1);

        settings.setTeam(new TeamDispatch(team, true, DispatchStrategy.ROUND_ROBIN, 5, null));
        assertThat(assignee(ticket)).isEqualTo(agents.get(0));
    }

    // --- helpers

    private List<Long> agents(int count, String name) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = name + i + "-" + token;
            long id = users.create(new UserAccounts.NewUser(username, username, null, PASSWORD, Set.of(Role.SERVICE)))
                    .id();
            settings.setDuty(id, true);
            ids.add(id);
        }
        return ids;
    }

    private long team(String name, List<Long> agents, DispatchStrategy strategy, int cap) {
        long id = teams.create(name + " " + token, null).id();
        for (long agent : agents) {
            teams.placeUser(agent, id);
        }
        settings.setTeam(new TeamDispatch(id, true, strategy, cap, null));
        return id;
    }

    private Customer customer(String name, Long ownerId) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                name + " " + token,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                ownerId,
                null,
                null,
                "test",
                Map.of()));
    }

    private long open(long customerId, Long teamId, Long categoryId) {
        return tickets.open(new NewTicket(
                        customerId,
                        null,
                        null,
                        null,
                        "问题 " + token,
                        "需要帮助",
                        TicketChannel.API,
                        categoryId,
                        null,
                        null,
                        teamId,
                        null,
                        null,
                        null,
                        null))
                .id();
    }

    /**
     * Waits until dispatch has reacted to everything that happened: each new ticket assigned, queued or left for a
     * person, and each freed place given to a waiting ticket.
     */
    private void awaitDispatched(List<Long> ids) {
        await().atMost(WAIT).until(() -> jdbc.sql("""
                                select count(*) from event_publication
                                where completion_date is null and listener_id like '%DispatchOnTicketChanges%'""").query(Long.class).single() == 0);
    }

    private List<Long> oldestAssigned(List<Long> agents, int limit) {
        return jdbc.sql("""
                        select t.id from tickets t
                        where t.assignee_id = any (?) and t.status not in ('SOLVED', 'CLOSED')
                        order by (select max(a.id) from ticket_assignments a
                                  where a.customer_id = t.customer_id and a.ticket_id = t.id)
                        limit ?""")
                .params(agents.toArray(Long[]::new), limit)
                .query(Long.class)
                .list();
    }

    private long maxLoad(List<Long> agents) {
        return jdbc.sql("""
                        select coalesce(max(n), 0) from (select count(*) as n from tickets
                        where assignee_id = any (?) and status not in ('SOLVED', 'CLOSED') group by assignee_id) x""")
                .param(agents.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    private long queued(long team) {
        return jdbc.sql("select count(*) from dispatch_queue where team_id = ?")
                .param(team)
                .query(Long.class)
                .single();
    }

    private long assignedAmong(List<Long> ids) {
        return jdbc.sql("select count(*) from tickets where id = any (?) and assignee_id is not null")
                .param(ids.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    private Long assignee(long ticket) {
        return jdbc.sql("select assignee_id from tickets where id = ?")
                .param(ticket)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private List<String> overCap() {
        return jdbc.sql("select user_id || ': ' || load || ' > ' || cap from dispatch_test_over_cap")
                .query(String.class)
                .list();
    }
}
