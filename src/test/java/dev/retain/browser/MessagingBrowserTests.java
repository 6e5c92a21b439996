package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.Customers;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@Tag("browser")
class MessagingBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    Customers customers;

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
    void aMarketerWritesAnEmailTemplateAndPreviewsItForARealCustomer() {
        String token = Long.toString(System.nanoTime(), 36);
        Customer customer = customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                "王小明",
                null,
                "xiaoming-" + token + "@example.com",
                null,
                null,
                "杭州",
                null,
                null,
                null,
                null,
                null,
                "browser",
                Map.of()));
        String username = "marketer-" + token;
        users.create(new NewUser(username, "Mia Marketer", null, PASSWORD, Set.of(Role.MARKETER)));

        page.navigate("http://localhost:" + port + "/login");
        page.locator("#username").fill(username);
        page.locator("#password").fill(PASSWORD);
        page.locator("button[type=submit]").click();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("消息")).click();
        assertThat(page.locator("#messaging-tabs")).isVisible();
        page.locator("#new-template").click();
        page.locator("#name").fill("回访邮件 " + token);
        page.locator("#subject").fill("{{customer.firstName | default: \"顾客\"}}，好久不见");
        page.locator("#body")
                .fill("<p>亲爱的{{customer.firstName | default: \"顾客\"}}：</p><p>券码 <b>{{coupon.code}}</b></p>"
                        + "<p>{{customer.custom.shoe_size}}</p><p><a href=\"{{unsubscribe_url}}\">退订</a></p>");
        page.locator("#customerId").fill(String.valueOf(customer.id()));
        page.locator("#preview-button").click();

        assertThat(page.locator("#preview-subject")).hasText("小明，好久不见");
        // a marketer sees the address masked, as everywhere (personal data)
        assertThat(page.locator("#preview-recipient")).hasText(customer.email().charAt(0) + "***@example.com");
        assertThat(page.frameLocator("#preview-html").locator("b")).hasText("PREVIEW-8888");
        assertThat(page.locator("#preview")).containsText("customer.custom.shoe_size");

        page.locator("#save-template").click();
        assertThat(page.locator("[role=status]")).hasText("模板已保存。");
        assertThat(page.locator("#unknown-variables")).containsText("customer.custom.shoe_size");
        page.locator("#body").fill("<p>亲爱的{{customer.firstName}}：</p><p>券码 <b>{{coupon.code}}</b></p>");
        page.locator("#save-template").click();
        assertThat(page.locator("#unknown-variables")).hasCount(0);
        assertThat(page.frameLocator("#preview-html").locator("p").first()).hasText("亲爱的小明：");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("messaging-template"))
                .setFullPage(true));

        page.locator("#messaging-tabs").getByText("发送记录").click();
        assertThat(page.locator("#deliveries")).isVisible();
        page.locator("#messaging-tabs").getByText("免打扰名单").click();
        page.locator("#add-suppression input[name=customerId]").fill(String.valueOf(customer.id()));
        page.locator("#add-suppression button").click();
        assertThat(page.locator("#suppressions")).containsText("手动");

        page.navigate("http://localhost:" + port + "/customers/" + customer.id());
        assertThat(page.locator("#messages")).containsText("全部渠道");
    }
}
