package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.sales.Opportunities;
import dev.retain.sales.Opportunity;
import dev.retain.sales.OpportunityStage;
import dev.retain.sales.OpportunityStages;
import dev.retain.sales.OpportunityStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A salesperson works the opportunity board: opens an opportunity from the customer page, finds it on the board in the
 * first stage, moves it with the "move to" select and by dragging it onto another column, and loses it on its page —
 * and sees only their own, never a colleague's.
 */
@IntegrationTest
@Tag("browser")
class OpportunityBoardBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Opportunities opportunities;

    @Autowired
    OpportunityStages stages;

    @Autowired
    JdbcClient jdbc;

    BrowserContext context;
    Page page;

    @BeforeEach
    void openBrowser() {
        context = BrowserSupport.newContext("en");
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        BrowserSupport.close(context);
    }

    @Test
    void aSalespersonMovesTheirOpportunityAcrossTheBoard() {
        String token = "Board" + Long.toString(System.nanoTime(), 36);
        String username = "seller-" + token.toLowerCase();
        long seller = users.create(new NewUser(username, "Sam Seller", null, PASSWORD, Set.of(Role.SALES)))
                .id();
        long colleague = users.create(
                        new NewUser("colleague-" + token.toLowerCase(), "Cora", null, PASSWORD, Set.of(Role.SALES)))
                .id();
        long customer = customer("王芳 " + token, seller);
        opportunities.create(
                customer("同事的客户 " + token, colleague),
                null,
                new Opportunities.OpportunityDraft("同事的商机 " + token, BigDecimal.TEN, null, null, List.of(), null));
        BrowserSupport.signIn(page, port, username, PASSWORD);

        page.navigate("http://localhost:" + port + "/customers/" + customer);
        page.locator("#quick-opportunity").click();
        page.locator("#opportunity-title").fill("年度采购 " + token);
        page.locator("#opportunity-amount").fill("8000");
        page.locator("#opportunity-form button[type=submit]").click();
        assertThat(page.locator("#opportunity-dialog")).isHidden();
        assertThat(page.locator("#flash")).hasText("Opportunity opened.");
        assertThat(page.locator("#opportunities")).containsText("年度采购 " + token);

        page.locator("#nav")
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Opportunities"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/opportunities$"));
        Locator card = page.locator(".board-card", new Page.LocatorOptions().setHasText("年度采购 " + token));
        assertThat(column("初步沟通").locator(".board-card")).containsText(new String[] {"年度采购 " + token});
        assertThat(page.locator("#board")).not().containsText("同事的商机 " + token);

        // without dragging: the select under the card and its button
        card.locator("select[name=stageId]")
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("需求确认"));
        card.locator("button[type=submit]").click();
        assertThat(column("需求确认")).containsText("年度采购 " + token);
        assertThat(column("初步沟通")).not().containsText("年度采购 " + token);

        // dragging the card onto another stage's column
        page.locator(".board-card", new Page.LocatorOptions().setHasText("年度采购 " + token))
                .dragTo(column("商务谈判"));
        assertThat(column("商务谈判")).containsText("年度采购 " + token);
        assertThat(column("需求确认")).not().containsText("年度采购 " + token);
        assertThat(column("商务谈判").locator(".stage-count")).not().hasText("0");
        Opportunity moved = opportunities.ofCustomer(customer).get(0);
        assertThat(moved.stageName()).isEqualTo("商务谈判");
        assertThat(opportunities.history(moved.id())).hasSize(3);
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("opportunity-board")));

        page.locator(".board-card a", new Page.LocatorOptions().setHasText("年度采购 " + token))
                .click();
        assertThat(page.locator("#opportunity-title")).hasText("年度采购 " + token);
        assertThat(page.locator("#history li")).hasCount(3);
        page.locator("#lose-other").fill("客户改用租赁");
        page.locator("#lose").click();
        assertThat(page.locator("#opportunity-status")).hasText("lost");
        assertThat(page.locator("#opportunity-lost-reason")).hasText("客户改用租赁");
        assertThat(opportunities.find(moved.id()).status()).isEqualTo(OpportunityStatus.LOST);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("opportunity-lost"))
                .setFullPage(true));

        // the dashboard's funnel, for this owner, within the salesperson's own customers
        page.navigate("http://localhost:" + port + "/analytics?ownerId=" + seller);
        assertThat(page.locator("#opportunity-funnel #funnel-totals")).containsText("1 opened · 0 won · 1 lost");
        assertThat(page.locator("#opportunity-funnel #owner-table")).containsText("Sam Seller");
        page.locator("#opportunity-funnel")
                .screenshot(new Locator.ScreenshotOptions().setPath(BrowserSupport.screenshot("opportunity-funnel")));
    }

    private Locator column(String stageName) {
        OpportunityStage stage = stages.list().stream()
                .filter(s -> s.name().equals(stageName))
                .findFirst()
                .orElseThrow();
        return page.locator("#stage-" + stage.id());
    }

    private long customer(String name, long owner) {
        return jdbc.sql("""
                        insert into customers (kind, name, owner_id, custom_fields, created_at, updated_at)
                        values ('PERSON', ?, ?, '{}', now(), now()) returning id""").params(name, owner).query(Long.class).single();
    }
}
