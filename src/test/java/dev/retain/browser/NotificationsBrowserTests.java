package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.notifications.NotificationRun;
import dev.retain.platform.NotificationSource.Cadence;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.tasks.Tasks;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A salesperson with two overdue tasks sees the bell count them, opens the list, marks one read and sees the count go
 * down; "My day" lists the tasks too, their follow-ups due and their customers going back to the pool soon — and
 * nothing of a colleague's.
 */
@IntegrationTest
@Tag("browser")
class NotificationsBrowserTests {

    private static final String PASSWORD = "notification browser password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

    @Autowired
    Tasks tasks;

    @Autowired
    NotificationRun run;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    BrowserContext context;

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            BrowserSupport.close(context);
        }
    }

    @Test
    void aSalespersonSeesTheBellCountOpensTheListAndMarksOneRead() {
        String token = Long.toString(System.nanoTime(), 36);
        String seller = "bell-seller-" + token;
        long sellerId = users.create(new NewUser(seller, "Bell Seller", null, PASSWORD, Set.of(Role.SALES)))
                .id();
        overdueTask(sellerId, "王芳 " + token, "Call back about the quote");
        overdueTask(sellerId, "Chen Jie " + token, "Send the samples");
        run.run(Cadence.FREQUENT);

        context = BrowserSupport.newContext("en");
        Page page = context.newPage();
        BrowserSupport.signIn(page, port, seller, PASSWORD);
        assertThat(page.locator("#notification-count")).hasText("2");

        page.locator("#notification-bell").click();
        var listed = page.locator("#notifications li");
        assertThat(listed).hasCount(2);
        assertThat(page.locator("#notifications")).containsText("Task \"Send the samples\" for Chen Jie " + token);
        assertThat(page.locator("#notifications")).containsText("is overdue");
        BrowserSupport.saveDocScreenshot(page, "notifications");

        var first = listed.first();
        String firstId = first.getAttribute("id");
        first.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Mark read"))
                .click();
        assertThat(page.locator("#notification-count")).hasText("1");
        assertThat(page.locator("#" + firstId)).hasClass(java.util.regex.Pattern.compile("notification-read"));

        page.locator("#notifications-filter-unread").click();
        assertThat(page.locator("#notifications li")).hasCount(1);
        page.locator("#notifications li .mark-read").click();
        assertThat(page.locator("#notifications li")).hasCount(0);
        assertThat(page.locator("#notification-count")).isHidden();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My day"))
                .click();
        assertThat(page.locator("#block-myDay-tasks-title")).containsText("Call back about the quote");
        assertThat(page.locator("#block-myDay-tasks-title")).containsText("Send the samples");
        assertThat(page.locator("#block-myDay-followUps-title")).containsText("No follow-ups due today or overdue.");
    }

    @Test
    void myDayShowsMyOwnFollowUpsCustomersGoingBackToThePoolAndPipelineNotAColleagues() {
        String token = Long.toString(System.nanoTime(), 36);
        String seller = "day-seller-" + token;
        long sellerId = users.create(new NewUser(seller, "Day Seller", null, PASSWORD, Set.of(Role.SALES)))
                .id();
        long colleagueId = users.create(
                        new NewUser("day-colleague-" + token, "Day Colleague", null, PASSWORD, Set.of(Role.SALES)))
                .id();
        long adminId = users.create(new NewUser("day-admin-" + token, "Day Admin", null, PASSWORD, Set.of(Role.ADMIN)))
                .id();
        var admin = ApiClient.withToken(
                port,
                apiKeys.create("my day " + token, Set.of(Role.ADMIN), adminId).token());
        long mine = customer("我的客户 " + token, sellerId);
        long theirs = customer("Colleague's customer " + token, colleagueId);
        followUpDue(mine);
        followUpDue(theirs);
        var settings = new HashMap<String, Object>();
        settings.put("name", "Five days " + token);
        settings.put("followUpDays", 5);
        settings.put("remindDays", 3);
        settings.put("members", List.of(Map.of("userId", sellerId, "admin", false)));
        var created = admin.post("/api/v1/pools", settings);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long pool = created.body().get("id").asLong();
        long soon = customer("Going back soon " + token, null);
        assertThat(admin.post(
                                "/api/v1/pools/releases",
                                Map.of("customerIds", List.of(soon), "poolId", pool, "reason", "new region"))
                        .status())
                .isEqualTo(200);
        var assigned = admin.post(
                "/api/v1/pools/assignments",
                Map.of("customerIds", List.of(soon), "ownerId", sellerId, "reason", "your region"));
        assertThat(assigned.status()).as(String.valueOf(assigned.body())).isEqualTo(200);

        var opportunity = admin.post(
                "/api/v1/opportunities",
                Map.of(
                        "customerId",
                        mine,
                        "title",
                        "Tea for the new stores " + token,
                        "amount",
                        86000,
                        "ownerId",
                        sellerId));
        assertThat(opportunity.status()).as(String.valueOf(opportunity.body())).isEqualTo(201);

        context = BrowserSupport.newContext("en");
        Page page = context.newPage();
        BrowserSupport.signIn(page, port, seller, PASSWORD);
        page.navigate("http://localhost:" + port + "/my-day");

        var followUps = page.locator("#block-myDay-followUps-title");
        assertThat(followUps).containsText("我的客户 " + token);
        assertThat(followUps).containsText("overdue");
        assertThat(page.locator("main")).not().containsText("Colleague's customer " + token);
        var goingBack = page.locator("#block-myDay-pool-title");
        assertThat(goingBack).containsText("Going back soon " + token);
        assertThat(goingBack).containsText("in 5 days");
        assertThat(page.locator("#block-myDay-pipeline-title")).containsText("Tea for the new stores " + token);
        BrowserSupport.saveDocScreenshot(page, "my-day");
    }

    private long customer(String name, Long owner) {
        return customers
                .create(new CustomerDraft(
                        CustomerKind.PERSON,
                        name,
                        null,
                        null,
                        null,
                        null,
                        "苏州",
                        null,
                        null,
                        owner,
                        null,
                        null,
                        "test",
                        Map.of()))
                .id();
    }

    /** A follow-up recorded yesterday that planned the next one an hour ago (the service only plans ahead). */
    private void followUpDue(long customer) {
        Instant now = Instant.now();
        jdbc.sql("insert into follow_ups (customer_id, kind, content, next_follow_up_at, author, created_at)"
                        + " values (?, 'PHONE', 'called', ?, 'test', ?)")
                .params(
                        customer,
                        Timestamp.from(now.minus(Duration.ofHours(1))),
                        Timestamp.from(now.minus(Duration.ofDays(1))))
                .update();
    }

    private void overdueTask(long owner, String customerName, String title) {
        long customer = customers
                .create(new CustomerDraft(
                        CustomerKind.PERSON,
                        customerName,
                        null,
                        null,
                        null,
                        null,
                        "苏州",
                        null,
                        null,
                        owner,
                        null,
                        null,
                        "test",
                        Map.of()))
                .id();
        tasks.create(customer, owner, "CALL", title, null, Instant.now().minus(Duration.ofHours(1)), "test", null);
    }
}
