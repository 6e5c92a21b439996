package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
@Tag("browser")
class ImportWizardBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @TempDir
    Path directory;

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
    void aMarketerMapsColumnsPreviewsRunsAnImportAndDownloadsTheRejectedRows() throws Exception {
        String c = Long.toString(System.nanoTime(), 36);
        Path file = Files.writeString(directory.resolve("订单导出.csv"), """
                订单号,客户编号,下单时间,实付金额
                %1$s-1,%1$s,2026/3/1 10:00,"¥1,280.00"
                %1$s-2,%1$s,2026年3月9日,"88"
                %1$s-3,%1$s,下周一,50
                """.formatted(c), StandardCharsets.UTF_8);
        String username = "marketer-" + c;
        users.create(new NewUser(username, "林运营", null, PASSWORD, Set.of(Role.MARKETER)));

        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("用户名").fill(username);
        page.getByLabel("密码").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))
                .click();
        page.navigate("http://localhost:" + port + "/imports");
        page.getByLabel("文件（CSV 或 XLSX）").setInputFiles(file);
        page.getByLabel("文件内容").selectOption("ORDERS");
        page.getByLabel("来源系统").fill("erp");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("下一步：字段映射"))
                .click();

        // The mapping was suggested from the Chinese headers, and the dry run shows the bad row.
        assertThat(page.getByLabel("订单号")).hasValue("订单号");
        assertThat(page.getByLabel("下单时间")).hasValue("下单时间");
        assertThat(page.getByLabel("金额", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("实付金额");
        assertThat(page.locator("#preview-table tbody tr")).hasCount(3);
        assertThat(page.locator("#preview-table tbody tr.table-danger")).hasCount(1);
        assertThat(page.locator("#preview-table")).containsText("1280.00");
        assertThat(page.locator("#preview-table")).containsText("'下周一' is not a date");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("import-mapping"))
                .setFullPage(true));

        page.locator("#run-button").click();
        assertThat(page.locator("#job-status"))
                .hasText(
                        "已完成",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("#rows-read")).hasText("3");
        assertThat(page.locator("#rows-imported")).hasText("2");
        assertThat(page.locator("#rows-rejected")).hasText("1");
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("import-done")));

        Download download =
                page.waitForDownload(() -> page.locator("#download-rejected").click());
        String rejected = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(rejected)
                .startsWith("\uFEFF订单号,客户编号,下单时间,实付金额,reason")
                .contains(c + "-3," + c + ",下周一,50,order_date: '下周一' is not a date");
    }
}
