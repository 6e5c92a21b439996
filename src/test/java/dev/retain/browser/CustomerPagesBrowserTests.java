package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.customers.CustomFieldType;
import dev.retain.customers.CustomFields;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@Tag("browser")
class CustomerPagesBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

    @Autowired
    CustomFields customFields;

    BrowserContext context;
    Page page;

    @BeforeEach
    void openBrowser() {
        context = BrowserSupport.newContext("zh-CN");
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        BrowserSupport.close(context);
    }

    @Test
    void aSalesPersonFindsACustomerAndFillsInACustomField() {
        String suffix = Long.toHexString(System.nanoTime());
        String fieldKey = "tier_" + suffix;
        customFields.define(new CustomFields.NewField(
                fieldKey, "客户等级 " + suffix, CustomFieldType.ENUM, List.of("A", "B", "C"), false));
        String name = "上海恒达机械设备有限公司 " + suffix;
        long id = customers
                .create(new CustomerDraft(
                        CustomerKind.COMPANY,
                        name,
                        null,
                        null,
                        null,
                        null,
                        "上海",
                        "华东",
                        "制造",
                        null,
                        null,
                        null,
                        "erp",
                        Map.of()))
                .id();
        String username = "sales-" + suffix;
        users.create(new NewUser(username, "王伟", null, PASSWORD, Set.of(Role.SALES)));

        page.navigate("http://localhost:" + port + "/customers");
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        page.getByLabel("用户名").fill(username);
        page.getByLabel("密码").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/customers(\\?continue)?$"));
        assertThat(page.locator("h1")).hasText("客户");
        // The search reacts to typing once htmx has loaded: wait for it, or the input goes unheard.
        page.waitForLoadState();
        page.getByPlaceholder("姓名、手机号或邮箱").fill(suffix);
        assertThat(page.locator("#customer-table tbody tr")).hasCount(1);
        assertThat(page).hasURL(Pattern.compile(".*q=" + suffix + ".*"));
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("customer-search")));

        page.getByText(name).click();
        assertThat(page.locator("#customer-name")).hasText(name);
        page.getByLabel("客户等级 " + suffix).selectOption("B");
        page.locator("#save-custom-fields").click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("客户已保存。");
        assertThat(page.getByLabel("客户等级 " + suffix)).hasValue("B");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("customer-page"))
                .setFullPage(true));
        assertThat(customers.find(id).customFields()).containsEntry(fieldKey, "B");
    }

    @Test
    void theLanguageCanBeSwitchedToEnglish() {
        String username = "analyst-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Analyst", null, PASSWORD, Set.of(Role.ANALYST)));
        page.navigate("http://localhost:" + port + "/login?lang=en");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();

        assertThat(page.locator("h1")).hasText("Welcome to Retain");
        assertThat(page.locator("#nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Customers")))
                .isVisible();
        assertThat(page.locator("text=New customer").count()).isZero();
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("home-en")));
    }
}
