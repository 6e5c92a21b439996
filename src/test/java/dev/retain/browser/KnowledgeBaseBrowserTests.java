package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.service.Article;
import dev.retain.service.ArticleDraft;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agent on a phone finds an answer in the knowledge base: the sidebar's 知识库, a Chinese search, the best article
 * first with the matched words marked, the article readable — and nothing wider than the screen.
 */
@IntegrationTest
@Tag("browser")
class KnowledgeBaseBrowserTests {

    private static final String PASSWORD = "knowledge browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    KnowledgeBase knowledge;

    BrowserContext context;

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            BrowserSupport.close(context);
        }
    }

    @Test
    void anAgentOnAPhoneSearchesInChineseAndReadsTheBestArticle() {
        String token = Long.toString(System.nanoTime(), 36);
        // one run of the tests writes this category once: its name stays plain for the documentation's picture
        long category = knowledge.categories().stream()
                .filter(c -> c.name().equals("售后服务"))
                .findFirst()
                .orElseGet(() -> knowledge.createCategory("售后服务"))
                .id();
        Article returns = published(category, "退货流程", """
                收到商品 7 天内可申请无理由退货。

                1. 在“我的订单”中点击“申请售后”
                2. 寄回商品并保留快递单号
                3. 仓库签收后 1–3 个工作日内退款""");
        published(category, "退回货物的流程", "质量问题可退回，货物检测后按流程处理。");
        published(category, "发票开具说明", "下单后可在订单详情页申请开具电子发票。");
        String username = "service-kb-" + token;
        users.create(new NewUser(username, "客服 " + token, null, PASSWORD, Set.of(Role.SERVICE)));
        context = BrowserSupport.newContext(
                new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(390, 844));
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("用户名").fill(username);
        page.getByLabel("密码").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))
                .click();
        page.waitForURL(address -> !address.contains("/login"));

        page.locator("#nav-toggle").click();
        page.waitForFunction("() => document.getElementById('nav').getBoundingClientRect().left === 0");
        page.locator("#nav a.nav-link")
                .filter(new Locator.FilterOptions().setHasText("知识库"))
                .click();
        page.waitForURL("**/service/knowledge");
        assertThat(page.locator("main h1")).hasText("知识库");
        page.locator("#category").selectOption(Long.toString(category));
        page.locator("#q").fill("退货流程");
        page.locator("#q").press("Enter");
        page.waitForURL(address -> address.contains("q="));

        Locator hits = page.locator("#hits .hit");
        assertThat(hits).hasCount(2);
        assertThat(hits.first()).hasAttribute("data-article", Long.toString(returns.id()));
        assertThat(hits.first().locator(".hit-title mark")).hasText("退货流程");
        assertThat(horizontalOverflow(page)).isZero();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("knowledge-search-390"))
                .setFullPage(true));
        BrowserSupport.saveDocScreenshot(page, "knowledge-base-phone");

        hits.first().click();
        page.waitForURL("**/service/knowledge/" + returns.id());
        assertThat(page.locator("#article-title")).hasText("退货流程");
        assertThat(page.locator("#article-body ol li")).hasCount(3);
        assertThat(page.locator("#versions")).isVisible();
        assertThat(horizontalOverflow(page)).isZero();
    }

    private Article published(long category, String title, String body) {
        return knowledge.publish(knowledge
                .create(new ArticleDraft(title, body, "zh-CN", category, ArticleVisibility.PUBLIC, null))
                .id());
    }

    private static int horizontalOverflow(Page page) {
        return ((Number) page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .intValue();
    }
}
