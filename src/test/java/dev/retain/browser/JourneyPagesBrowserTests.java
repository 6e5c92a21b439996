package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.journeys.Journey;
import dev.retain.journeys.Journeys;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.segments.Audience;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
@Tag("browser")
class JourneyPagesBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Journeys journeys;

    @Autowired
    Audiences audiences;

    @Autowired
    ObjectMapper json;

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
    void aMarketerWritesAJourneySeesItsProblemsByPathFixesThemAndRunsIt() {
        String token = Long.toString(System.nanoTime(), 36);
        String username = "journeys-" + token;
        users.create(new NewUser(username, "Jo Journeys", null, PASSWORD, Set.of(Role.MARKETER)));
        BrowserSupport.signIn(page, port, username, PASSWORD);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Journeys"))
                .click();
        page.locator("#new-journey-name").fill("Welcome " + token);
        page.locator("#new-journey").click();
        assertThat(page.locator("h1")).containsText("Welcome " + token);

        // the step editor: a wait step added to the new journey's exit step, going nowhere yet
        assertThat(page.locator(".node-card")).hasCount(1);
        page.locator("#new-node-id").fill("pause");
        page.locator("#new-node-type").selectOption("wait");
        page.locator("#add-node").click();
        assertThat(page.locator("[data-node=pause] .node-params")).hasValue("{\"days\":1}");
        page.locator("#step-editor select[aria-label='Starts at']").selectOption("pause");
        assertThat(page.locator("#journey-flow canvas")).hasCount(1);
        page.locator("summary").click();
        page.locator("#graph").fill("""
                {"trigger": {"type": "api"}, "start": "pause",
                 "nodes": {"pause": {"type": "wait", "params": {"days": 1}, "next": "gone"},
                           "end": {"type": "exit"}}}""");
        page.locator("#graph").dispatchEvent("change");
        page.locator("#save-graph").click();
        assertThat(page.locator("#errors")).containsText("nodes.pause.next");
        assertThat(page.locator("#errors")).containsText("nodes.end: unreachable from the start");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("journey-problems"))
                .setFullPage(true));

        // fixed in the step editor: the wait goes on to the exit
        page.locator("[data-node=pause] select[aria-label='then pause']").selectOption("end");
        assertThat(page.locator("#graph")).hasValue(java.util.regex.Pattern.compile("\"next\": \"end\""));
        page.locator("#save-graph").click();
        assertThat(page.locator("[role=status]")).containsText("new version");
        assertThat(page.locator("#steps li")).hasCount(2);
        page.locator("#set-active").click();
        assertThat(page.locator("#journey-status")).hasText("active");
        assertThat(page.locator("#results")).containsText("Holdout");
        assertThat(page.locator(".node-card")).hasCount(2);
        assertThat(page.locator("#results-chart canvas")).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("journey"))
                .setFullPage(true));
    }

    @Test
    void aChineseReaderSeesStepsAndTriggersInWordsAndTheTagByName() {
        String token = Long.toString(System.nanoTime(), 36);
        Audience vip = audiences.create(
                AudienceKind.TAG, new AudienceDraft("高价值 " + token, null, AudienceMode.MANUAL, null, true, null));
        Journey journey =
                journeys.create("标签旅程 " + token, null, json.readTree("""
                        {"trigger": {"type": "tag_added", "audienceId": %d}, "start": "mark",
                         "nodes": {"mark": {"type": "add_tag", "params": {"tagId": %d}, "next": "end"},
                                   "end": {"type": "exit"}}}""".formatted(vip.id(), vip.id())), "test");
        String username = "journeys-zh-" + token;
        users.create(new NewUser(username, "Zhou", null, PASSWORD, Set.of(Role.MARKETER)));
        BrowserSupport.signIn(page, port, username, PASSWORD);

        page.navigate("http://localhost:" + port + "/journeys/" + journey.id() + "?lang=zh-CN");

        assertThat(page.locator("#trigger")).containsText("被打上标签（高价值 " + token + "）");
        assertThat(page.locator("#trigger")).not().containsText("tag_added");
        assertThat(page.locator("#steps")).containsText("添加标签");
        assertThat(page.locator("#steps .node-type-label").first()).not().hasText("add_tag");
        assertThat(page.locator("[data-node=mark] select.node-type option:checked"))
                .hasText("添加标签");
        assertThat(page.locator("[data-node=mark] select.node-type")).hasValue("add_tag");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("journey-zh"))
                .setFullPage(true));
    }
}
