package dev.retain.service.sla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.service.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * SLAs as the API and the pages show them: policies refused with each faulty field named and nothing written; the
 * breaching view listing breached and nearly due tickets but not those with time to spare; a ticket's targets with due
 * time, business time left and paused state; the policies page and the list's due badges.
 */
@SlaTest
class SlaApiTests {

    private static final String PASSWORD = "sla pages test password";

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    UserAccounts users;

    @Autowired
    SlaFixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPolicyWithAnInvalidConditionOrNegativeMinutesIsRefusedWithTheFieldsNamed() {
        ApiClient admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        long before = policies();

        var response = admin.post(
                "/api/v1/sla-policies",
                Map.of(
                        "name",
                        "坏策略 " + fixtures.token,
                        "resolutionMinutes",
                        -30,
                        "channels",
                        List.of("CARRIER_PIGEON"),
                        "customerCondition",
                        Map.of("field", "profile.city", "op", "between", "value", "上海")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        String problem = response.body().toString();
        assertThat(problem).contains("resolutionMinutes", "channels[0]", "customerCondition");
        assertThat(policies()).isEqualTo(before);
        assertThat(admin.post("/api/v1/sla-policies", Map.of("name", "没有目标 " + fixtures.token))
                        .status())
                .isEqualTo(400);
        assertThat(policies()).isEqualTo(before);
    }

    @Test
    void theBreachingViewListsBreachedAndNearlyDueTicketsAndTheTicketShowsItsTargets() {
        ApiClient desk = ApiClient.withRoles(port, apiKeys, Role.SERVICE);
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 60, null, 2400);
        fixtures.at("2026-11-16T09:00");
        Ticket breached = fixtures.aTicket(category);
        fixtures.at("2026-11-16T10:30");
        Ticket dueSoon = fixtures.aTicket(category); // first response due 11:30
        fixtures.at("2026-11-16T11:00");
        Ticket relaxed = aTicketWithTimeToSpare();

        List<Long> listed =
                ids(desk.get("/api/v1/tickets?view=BREACHING&size=200").body());
        assertThat(listed).contains(breached.id(), dueSoon.id()).doesNotContain(relaxed.id());

        JsonNode sla = desk.get("/api/v1/tickets/" + dueSoon.id() + "/sla").body();
        JsonNode first = sla.get("targets").get(0);
        assertThat(first.get("target").asString()).isEqualTo("FIRST_RESPONSE");
        assertThat(first.get("businessMinutesLeft").asLong()).isEqualTo(30);
        assertThat(first.get("paused").asBoolean()).isFalse();
        assertThat(desk.get("/api/v1/tickets/" + breached.id() + "/sla")
                        .body()
                        .get("targets")
                        .get(0)
                        .get("breached")
                        .asBoolean())
                .isTrue();

        WebSession agent = signedIn(Role.ADMIN); // sees every customer: these tickets are nobody's yet
        String list = agent.get("/tickets?view=BREACHING").body();
        assertThat(list).contains(breached.reference(), "sla-due");
        String page = agent.get("/tickets/" + dueSoon.id()).body();
        assertThat(page).contains("id=\"ticket-sla\"", "data-target=\"FIRST_RESPONSE\"");
    }

    @Test
    void thePoliciesPageListsPoliciesAndRefusesAFaultyOneNamingTheField() {
        long category = fixtures.aCategory();
        SlaPolicy policy = fixtures.aPolicyFor(category, 45, null, null);
        WebSession admin = signedIn(Role.ADMIN);
        assertThat(admin.get("/service/sla").body()).contains(policy.name());
        long before = policies();

        var saved = admin.post(
                "/service/sla",
                "/service/sla",
                Map.of("name", "页面策略 " + fixtures.token, "firstResponseMinutes", "-1", "customerCondition", "{oops"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(admin.get("/service/sla").body()).contains("customerCondition");
        assertThat(policies()).isEqualTo(before);
    }

    private Ticket aTicketWithTimeToSpare() {
        long category = fixtures.aCategory();
        fixtures.aPolicyFor(category, 960, null, null);
        return fixtures.aTicket(category);
    }

    private long policies() {
        return jdbc.sql("select count(*) from sla_policies").query(Long.class).single();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private WebSession signedIn(Role role) {
        String name = role.name().toLowerCase() + "-" + Long.toString(System.nanoTime(), 36);
        users.create(new UserAccounts.NewUser(name, name, null, PASSWORD, Set.of(role)));
        WebSession session = new WebSession(port);
        session.signIn(name, PASSWORD);
        return session;
    }
}
