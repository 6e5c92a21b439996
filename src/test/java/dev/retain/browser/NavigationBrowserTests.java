package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.tasks.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Admins, marketers and salespeople find their work in the sidebar: every entry they see opens a page, the ones
 * their role may not open are not there, and the sidebar fits a laptop screen and a phone.
 */
@IntegrationTest
@Tag("browser")
class NavigationBrowserTests {

    private static final String PASSWORD = "navigation browser password";
    private static final List<String> ADMIN_ONLY =
            List.of("/admin/users", "/admin/api-keys", "/admin/audit", "/admin/custom-fields", "/admin/currency-rates");

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Tasks tasks;

    @Autowired
    JdbcClient jdbc;

    BrowserContext context;
    String username;

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            BrowserSupport.close(context);
        }
    }

    @Test
    void anAdminOpensEveryEntry() {
        Page page = signedIn(Role.ADMIN, 1280, 900);

        List<String> entries = entriesOpenEachWithContent(page, "admin");

        assertThat(entries).containsAll(ADMIN_ONLY).contains("/imports", "/customers", "/analytics");
    }

    @Test
    void aMarketerSeesNoAdministration() {
        Page page = signedIn(Role.MARKETER, 1280, 900);

        List<String> entries = entriesOpenEachWithContent(page, "marketer");

        assertThat(entries).doesNotContainAnyElementsOf(ADMIN_ONLY).contains("/journeys", "/segments", "/imports");
    }

    @Test
    void aSalespersonSeesNeitherAdministrationNorImports() {
        Page page = signedIn(Role.SALES, 1280, 900);
        aCustomerWithTasksOwnedBy(users.findByUsername(username).orElseThrow().id());
        page.reload();

        List<String> entries = entriesOpenEachWithContent(page, "sales");

        assertThat(entries).doesNotContainAnyElementsOf(ADMIN_ONLY).doesNotContain("/imports");
        assertThat(entries).contains("/customers", "/journeys");
        assertThat(page.locator("#nav-group-SETTINGS")).hasCount(0);
    }

    @Test
    void atALaptopsWidthTheSidebarStandsBesideThePageWithEveryEntryOnOneLine() {
        Page page = signedIn(Role.ADMIN, 1280, 800);
        page.navigate(url("/customers"));

        assertThat(page.locator("#nav")).isVisible();
        assertThat(page.locator("#nav-toggle")).isHidden();
        Locator links = page.locator("#nav a.nav-link");
        double oneLine = links.first().boundingBox().height;
        for (int i = 0; i < links.count(); i++) {
            assertThat(links.nth(i).boundingBox().height)
                    .as("height of %s", links.nth(i).textContent())
                    .isEqualTo(oneLine);
        }
        assertThat(oneLine).isLessThan(40);
        var sidebar = page.locator("#nav").boundingBox();
        var content = page.locator("main").boundingBox();
        assertThat(content.x)
                .as("the page stands beside the sidebar")
                .isGreaterThanOrEqualTo(sidebar.x + sidebar.width);
        assertThat(page.locator("#nav a.nav-link.active")).hasText("Customers");
        assertThat(horizontalOverflow(page)).isZero();
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("sidebar-1280")));
    }

    @Test
    void onAPhoneTheSidebarWaitsBehindItsToggle() {
        Page page = signedIn(Role.SALES, 375, 812);

        assertThat(page.locator("#nav")).isHidden();
        assertThat(horizontalOverflow(page)).isZero();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("home-sales-375"))
                .setFullPage(true));
        page.locator("#nav-toggle").click();

        assertThat(page.locator("#nav")).isVisible();
        // the offcanvas slides in: wait until it stands still at the left edge
        page.waitForFunction("() => document.getElementById('nav').getBoundingClientRect().left === 0");
        assertThat(page.locator("#nav a.nav-link").filter(new Locator.FilterOptions().setHasText("Customers")))
                .isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("sidebar-375-open")));
        page.locator("#nav a.nav-link")
                .filter(new Locator.FilterOptions().setHasText("Customers"))
                .first()
                .click();
        // the home page's heading is visible too: measure only once the customer list has loaded with its styles
        page.waitForURL("**/customers");
        assertThat(page.locator("main h1")).hasText("Customers");
        assertThat(horizontalOverflow(page)).isZero();
    }

    /** Opens every entry of the sidebar; each answers with a page that has a heading. Returns the entries' paths. */
    private List<String> entriesOpenEachWithContent(Page page, String who) {
        assertThat(page.locator("main h1")).isVisible();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("home-" + who))
                .setFullPage(true));
        List<String> paths = new ArrayList<>();
        Locator links = page.locator("#nav a.nav-link");
        for (int i = 0; i < links.count(); i++) {
            paths.add(links.nth(i).getAttribute("href"));
        }
        for (String path : paths) {
            Response response = page.navigate(url(path));
            assertThat(response.status()).as("%s opens %s", who, path).isEqualTo(200);
            assertThat(page.locator("main h1").first()).isVisible();
            assertThat(page.locator("body")).not().containsText("Whitelabel Error Page");
            assertThat(page.locator("#nav a.nav-link.active")).hasCount(1);
        }
        return paths;
    }

    private Page signedIn(Role role, int width, int height) {
        username = role.name().toLowerCase() + "-nav-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Nav " + role, null, PASSWORD, Set.of(role)));
        context = BrowserSupport.newContext(
                new Browser.NewContextOptions().setLocale("en").setViewportSize(width, height));
        Page page = context.newPage();
        BrowserSupport.signIn(page, port, username, PASSWORD);
        page.waitForURL(address -> !address.contains("/login"));
        return page;
    }

    private void aCustomerWithTasksOwnedBy(long ownerId) {
        long customer = jdbc.sql("""
                        insert into customers (kind, name, owner_id, custom_fields, created_at, updated_at)
                        values ('COMPANY', '杭州东方五金有限公司', ?, '{}', now(), now()) returning id""").param(ownerId).query(Long.class).single();
        Instant now = Instant.now();
        tasks.create(customer, null, "CALL", "回访：确认续约意向", null, now.minus(Duration.ofDays(1)), "user:test", null);
        tasks.create(customer, null, "VISIT", "上门演示新品", null, now.plus(Duration.ofMinutes(1)), "user:test", null);
    }

    private static int horizontalOverflow(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .intValue();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
