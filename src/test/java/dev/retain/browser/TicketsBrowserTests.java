package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.retain.IntegrationTest;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.service.NewTicket;
import dev.retain.service.TicketChannel;
import dev.retain.service.Tickets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service agent on a phone: opens their ticket list on a 375 px wide screen, opens a ticket and answers the customer;
 * the reply shows in the thread and the page never scrolls sideways.
 */
@IntegrationTest
@Tag("browser")
class TicketsBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

    @Autowired
    Tickets tickets;

    BrowserContext context;

    @AfterEach
    void closeBrowser() {
        BrowserSupport.close(context);
    }

    @Test
    void anAgentAnswersATicketOnAPhone() {
        String token = Long.toString(System.nanoTime(), 36);
        String agent = "agent-" + token;
        long agentId = users.create(new NewUser(agent, "小王 Agent", null, PASSWORD, Set.of(Role.SERVICE)))
                .id();
        long customer = customers
                .create(new CustomerDraft(
                        CustomerKind.PERSON,
                        "李娜 " + token,
                        null,
                        null,
                        null,
                        null,
                        "杭州",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "test",
                        Map.of()))
                .id();
        String subject = "快递三天没有更新 " + token;
        var ticket = tickets.open(new NewTicket(
                customer,
                null,
                null,
                null,
                subject,
                "订单下了好几天，物流信息一直没动，麻烦帮忙查一下。",
                TicketChannel.EMAIL,
                null,
                null,
                agentId,
                null,
                null,
                null,
                List.of("物流"),
                null));
        context = BrowserSupport.newContext(
                new Browser.NewContextOptions().setLocale("en").setViewportSize(375, 812));
        Page page = context.newPage();
        BrowserSupport.signIn(page, port, agent, PASSWORD);
        page.waitForURL(address -> !address.contains("/login"));

        page.navigate("http://localhost:" + port + "/tickets?view=MINE");
        assertThat(page.locator("main h1")).hasText("Tickets");
        assertThat(page.locator("#tickets")).containsText(subject);
        assertThat(horizontalOverflow(page)).isZero();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("tickets-375"))
                .setFullPage(true));

        page.locator("#tickets a.ticket-subject")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(subject))
                .click();
        page.waitForURL("**/tickets/" + ticket.id());
        assertThat(page.locator("#ticket-number")).hasText(ticket.reference());
        assertThat(page.locator("#thread")).containsText("物流信息一直没动");
        String answer = "您好，已为您联系快递公司催件，预计明天送达。" + token;
        page.locator("#reply-body").fill(answer);
        page.locator("#send-reply").click();

        assertThat(page.locator("#flash")).containsText("Reply sent");
        assertThat(page.locator("#thread .ticket-message").last()).containsText(answer);
        assertThat(page.locator("#ticket-status")).hasText("Open");
        assertThat(horizontalOverflow(page)).isZero();
        assertThat(tickets.find(ticket.id()).firstResponseAt()).isNotNull();
        BrowserSupport.saveDocScreenshot(page, "service-ticket-375");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("ticket-375"))
                .setFullPage(true));
    }

    private static int horizontalOverflow(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .intValue();
    }
}
