package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.notifications.NotificationRun;
import dev.retain.platform.NotificationSource.Cadence;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.tasks.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A salesperson with two overdue tasks sees the bell count them, opens the list, marks one read and sees the count go
 * down; "My day" lists the tasks too.
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

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My day"))
                .click();
        assertThat(page.locator("#block-myDay-tasks-title")).containsText("Call back about the quote");
        assertThat(page.locator("#block-myDay-tasks-title")).containsText("Send the samples");
        assertThat(page.locator("#block-myDay-followUps-title")).containsText("No follow-ups due today or overdue.");
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
