package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.customers.CustomerMerges;
import dev.retain.journeys.Journey;
import dev.retain.journeys.Journeys;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.sales.Opportunities;
import dev.retain.tasks.Tasks;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Each role's home page shows the blocks of its work, filled from real data. */
@IntegrationTest
class HomePageTests {

    private static final String PASSWORD = "home page test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Tasks tasks;

    @Autowired
    Journeys journeys;

    @Autowired
    CustomerMerges merges;

    @Autowired
    CompanyZone zone;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Teams teams;

    @Autowired
    Opportunities opportunities;

    @Autowired
    ObjectMapper json;

    @Test
    void aSalespersonSeesTheirTasksDueTodayAndOverdue() {
        String token = token();
        UserAccount sales = aUserWith(Role.SALES, token);
        long customer = aCustomerOwnedBy(sales, "王芳 " + token);
        Instant endOfToday =
                zone.today(clock).plusDays(1).atStartOfDay(zone.zone()).toInstant();
        tasks.create(
                customer, null, "CALL", "Today call " + token, null, endOfToday.minusSeconds(1), "user:test", null);
        tasks.create(
                customer,
                null,
                "VISIT",
                "Late visit " + token,
                null,
                clock.instant().minus(Duration.ofDays(2)),
                "user:test",
                null);
        tasks.create(
                customer,
                null,
                "CALL",
                "Next week " + token,
                null,
                endOfToday.plus(Duration.ofDays(6)),
                "user:test",
                null);

        String tasksBlock = block(homeOf(sales, "en"), "block-home-tasks-title");

        assertThat(tasksBlock)
                .contains("Today call " + token + " · 王芳 " + token)
                .contains("due today")
                .contains("Late visit " + token)
                .contains("overdue since")
                .doesNotContain("Next week " + token)
                .contains("href=\"/customers/" + customer + "\"");
        // late first: they are sorted by when they were due
        assertThat(tasksBlock.indexOf("Late visit")).isLessThan(tasksBlock.indexOf("Today call"));
    }

    @Test
    void aSalespersonSeesTheirCustomerWhoseChurnRiskRoseThisWeek() {
        String token = token();
        UserAccount sales = aUserWith(Role.SALES, token);
        long rising = aCustomerOwnedBy(sales, "李雷 " + token);
        long steady = aCustomerOwnedBy(sales, "韩梅 " + token);
        Instant lastWeek = clock.instant().minus(Duration.ofDays(8));
        jdbc.sql("""
                        insert into churn_risk_baseline (customer_id, probability, scored_at)
                        values (?, 0.20, ?), (?, 0.50, ?)""")
                .params(rising, Timestamp.from(lastWeek), steady, Timestamp.from(lastWeek))
                .update();
        jdbc.sql("""
                        insert into churn_scores (customer_id, probability, band, reasons, model_id, scored_at)
                        values (?, 0.70, 'HIGH', '[]', 0, ?), (?, 0.51, 'MEDIUM', '[]', 0, ?)""")
                .params(rising, Timestamp.from(clock.instant()), steady, Timestamp.from(clock.instant()))
                .update();

        String churn;
        try {
            churn = block(homeOf(sales, "en"), "block-home-churn-title");
        } finally {
            // other tests count the scores: leave them as found
            jdbc.sql("delete from churn_scores where customer_id in (?, ?)")
                    .params(rising, steady)
                    .update();
            jdbc.sql("delete from churn_risk_baseline where customer_id in (?, ?)")
                    .params(rising, steady)
                    .update();
        }

        assertThat(churn)
                .contains("李雷 " + token)
                .contains("20% → 70%")
                .contains("href=\"/customers/" + rising + "\"")
                .doesNotContain("韩梅 " + token);
    }

    @Test
    void aSalespersonWithNothingDueIsToldSoAndSeesTheirOtherBlocks() {
        String page = homeOf(aUserWith(Role.SALES, token()), "zh-CN");

        assertThat(block(page, "block-home-tasks-title")).contains("今天没有到期或逾期的任务。");
        assertThat(page).contains("id=\"block-home-churn-title\"").contains("id=\"block-home-notes-title\"");
        assertThat(page).doesNotContain("id=\"block-home-kpis-title\"");
    }

    @Test
    void aMarketerSeesARunningJourney() {
        String token = token();
        Journey journey = journeys.create("Welcome back " + token, null, json.readTree("""
                        {"trigger": {"type": "api"}, "start": "pause",
                         "nodes": {"pause": {"type": "wait", "params": {"days": 1}, "next": "end"},
                                   "end": {"type": "exit"}}}"""), "test");
        journeys.setStatus(journey.id(), "ACTIVE");

        String page = homeOf(aUserWith(Role.MARKETER, token), "en");

        assertThat(block(page, "block-home-journeys-running"))
                .contains("Welcome back " + token)
                .contains("href=\"/journeys/" + journey.id() + "\"")
                .contains("no lift yet");
        assertThat(page)
                .contains("id=\"block-home-audiences-title\"")
                .contains("id=\"block-home-deliveries-title\"")
                .doesNotContain("id=\"block-home-tasks-title\"");
    }

    @Test
    void aManagerSeesDuplicatesWaitingForReview() {
        String token = token();
        String name = "吴" + token;
        long first = aCustomerOwnedBy(null, name);
        long second = aCustomerOwnedBy(null, name);
        jdbc.sql("""
                        insert into duplicate_candidates (customer_id, other_id, reason, created_at)
                        values (?, ?, 'same name', now())""").params(first, second).update();

        String page = homeOf(aUserWith(Role.MANAGER, token), "en");

        String duplicates = block(page, "block-home-duplicates");
        assertThat(duplicates)
                .contains("Waiting for review")
                .contains(">" + merges.openCandidateCount() + "<")
                .contains("href=\"/customers/duplicates\"")
                .doesNotContain("No duplicates waiting");
        assertThat(page)
                .contains("id=\"block-home-kpis-title\"")
                .contains("id=\"block-home-alerts\"")
                .contains("id=\"block-home-journeys-losing\"");
    }

    @Test
    void anAnalystSeesTheKeyFigures() {
        String page = homeOf(aUserWith(Role.ANALYST, token()), "en");

        assertThat(block(page, "block-home-kpis-title"))
                .contains("Active customers")
                .contains("href=\"/analytics\"");
        assertThat(page).doesNotContain("id=\"block-home-duplicates\"");
    }

    @Test
    void aSalespersonSeesTheirStuckOpportunitiesAndTheirManagerThoseOfTheTeam() {
        String token = token();
        UserAccount sales = aUserWith(Role.SALES, token);
        UserAccount colleague = aUserWith(Role.SALES, token + "c");
        UserAccount manager = aUserWith(Role.MANAGER, token);
        Team team = teams.create("商机组 " + token, null);
        teams.setManagers(team.id(), java.util.List.of(manager.id()));
        teams.placeUser(sales.id(), team.id());
        long customer = aCustomerOwnedBy(sales, "王芳 " + token);
        opportunity(customer, "Stuck deal " + token);
        opportunity(customer, "Fresh deal " + token);
        opportunity(aCustomerOwnedBy(colleague, "李娜 " + token), "Their deal " + token);
        jdbc.sql("update opportunities set stage_entered_at = now() - interval '40 days' where title in (?, ?)")
                .params("Stuck deal " + token, "Their deal " + token)
                .update();

        String ofSales = block(homeOf(sales, "en"), "block-home-stuckOpportunities-title");
        String ofManager = block(homeOf(manager, "en"), "block-home-stuckOpportunities-title");

        assertThat(ofSales)
                .contains("Stuck deal " + token + " · 王芳 " + token)
                .contains("初步沟通, 40 days")
                .doesNotContain("Fresh deal " + token)
                .doesNotContain("Their deal " + token);
        assertThat(ofManager).contains("Stuck deal " + token).doesNotContain("Their deal " + token);
        assertThat(block(homeOf(colleague, "en"), "block-home-stuckOpportunities-title"))
                .contains("Their deal " + token)
                .doesNotContain("Stuck deal " + token);
    }

    private void opportunity(long customer, String title) {
        opportunities.create(
                customer,
                null,
                new Opportunities.OpportunityDraft(
                        title, java.math.BigDecimal.TEN, null, null, java.util.List.of(), null));
    }

    private String homeOf(UserAccount user, String language) {
        WebSession session = new WebSession(port);
        session.signIn(user.username(), PASSWORD);
        var response = session.get("/?lang=" + language);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The HTML of one block, up to the next. */
    private static String block(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("block %s is on the page", id).isPositive();
        int end = page.indexOf("<section", start);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private UserAccount aUserWith(Role role, String token) {
        return users.create(new NewUser(
                "home-" + role.name().toLowerCase() + "-" + token, "Home " + role, null, PASSWORD, Set.of(role)));
    }

    private long aCustomerOwnedBy(UserAccount owner, String name) {
        return jdbc.sql("""
                        insert into customers (kind, name, owner_id, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, ?, '{}', now(), now()) returning id""")
                .params(name, owner == null ? null : owner.id())
                .query(Long.class)
                .single();
    }

    private static String token() {
        return Long.toString(System.nanoTime(), 36);
    }
}
