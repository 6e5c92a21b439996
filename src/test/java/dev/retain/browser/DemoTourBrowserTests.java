package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.retain.demo.DemoCompanyTest;
import dev.retain.messaging.StaffMail;
import dev.retain.platform.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A newcomer's first look at the demo company, as each role: the salesperson's home lists their overdue follow-ups,
 * the marketer's its running journeys with their lift, a journey's page its results against the holdout, the outbox
 * what was sent, the manager's dashboard the company's figures. The documentation's pictures are taken here, of the
 * demo company as it is.
 */
@DemoCompanyTest
@Tag("browser")
class DemoTourBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffMail staffMail;

    BrowserContext context;

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            BrowserSupport.close(context);
        }
    }

    @Test
    void aSalespersonStartsFromTheirFollowUps() {
        Page page = signedIn("sales1");

        assertThat(page.locator("#home-blocks")).containsText("overdue since");
        assertThat(page.locator("#home-blocks .block-row").first()).isVisible();
        BrowserSupport.saveDocScreenshot(page, "home-sales");
    }

    @Test
    void aMarketerSeesTheJourneysAtWorkAndWhatTheySent() {
        Page page = signedIn("marketer");
        assertThat(page.locator("#home-blocks")).containsText("沉睡唤醒");

        page.navigate(url("/journeys"));
        page.locator("#journeys").getByText("沉睡唤醒").click();
        assertThat(page.locator("#results")).containsText("%");
        assertThat(page.locator("#lift")).isVisible();
        assertThat(page.locator("#costs")).isVisible();
        BrowserSupport.saveDocScreenshot(page, "journey");

        page.navigate(url("/messages/outbox"));
        assertThat(page.locator("#outbox details").first()).isVisible();
        page.locator("#outbox details summary").first().click();
        assertThat(page.frameLocator("#outbox iframe >> nth=0").locator("body")).containsText("退订");
        BrowserSupport.saveDocScreenshot(page, "outbox");
        // reading the outbox must not count as the customer opening the email: its frame loads nothing, pixel included
        assertThat(page.locator("#outbox iframe").first().getAttribute("srcdoc"))
                .startsWith("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
    }

    @Test
    void anAdminReadsTheDailyDigestsKeptInTheOutboxAManagerDoesNot() {
        String subject = "Retain: 3 reminders " + System.nanoTime();
        staffMail.send("sales1@example.com", subject, "<p>王芳 的跟进已到期</p>", subject);

        Page page = signedIn("admin");
        page.navigate(url("/messages/outbox"));
        assertThat(page.locator("#staff-outbox")).containsText(subject);
        BrowserSupport.close(context);

        page = signedIn("manager");
        page.navigate(url("/messages/outbox"));
        assertThat(page.locator("main")).not().containsText(subject);
    }

    @Test
    void aManagerReadsTheDashboardAndWhatNeedsADecision() {
        Page page = signedIn("manager");
        assertThat(page.locator("#home-blocks")).containsText("duplicate");

        page.navigate(url("/analytics"));
        assertThat(page.locator("canvas").first()).isVisible();
        BrowserSupport.saveDocScreenshot(page, "dashboard");
    }

    @Test
    void aCustomerPageTellsTheirStoryWithRetain() {
        long customer = jdbc.sql("""
                        select n.customer_id from customer_notes n
                        join coupons c on c.customer_id = n.customer_id
                        join journey_enrolments e on e.customer_id = n.customer_id
                        order by n.customer_id limit 1""").query(Long.class).single();
        Page page = signedIn("admin");

        page.navigate(url("/customers/" + customer));

        assertThat(page.locator("body")).containsText("沉睡唤醒");
        BrowserSupport.saveDocScreenshot(page, "customer-360");
        assertThat(customer).isPositive();
    }

    private Page signedIn(String username) {
        context = BrowserSupport.newContext("en");
        Page page = context.newPage();
        page.setViewportSize(1280, 860);
        BrowserSupport.signIn(page, port, username, UserAccounts.DEMO_PASSWORD);
        page.waitForURL(url("/"));
        return page;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
