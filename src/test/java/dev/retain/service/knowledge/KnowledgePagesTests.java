package dev.retain.service.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import dev.retain.service.Article;
import dev.retain.service.ArticleDraft;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The knowledge base's pages as staff use them: the service team writes, publishes and restores through the editor;
 * a salesperson finds and reads published articles, with the matches marked, and sees no editing.
 */
@IntegrationTest
class KnowledgePagesTests {

    private static final String PASSWORD = "knowledge pages test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    KnowledgeBase knowledge;

    long category;
    String token;

    @BeforeEach
    void setUp() {
        token = "kp" + Long.toString(System.nanoTime(), 36);
        category = knowledge.createCategory("物流 " + token).id();
    }

    private WebSession signedIn(Role role) {
        String username = role.name().toLowerCase(Locale.ROOT) + "-" + Long.toString(System.nanoTime(), 36);
        users.create(new UserAccounts.NewUser(username, username, null, PASSWORD, Set.of(role)));
        var session = new WebSession(port);
        session.signIn(username, PASSWORD);
        return session;
    }

    @Test
    void theServiceTeamWritesPublishesAndRestoresAnArticle() {
        WebSession service = signedIn(Role.SERVICE);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", "物流查询 " + token);
        form.put("body", "在订单详情页查看快递单号。\n\n- 顺丰\n- 京东");
        form.put("locale", "zh-CN");
        form.put("categoryId", Long.toString(category));
        form.put("visibility", "PUBLIC");
        form.put("publish", "true");

        var saved = service.post("/service/knowledge", "/service/knowledge/new", form);

        assertThat(saved.statusCode()).isEqualTo(302);
        String location = saved.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(location.replaceAll(".*/", ""));
        Article article = knowledge.find(id);
        assertThat(article.title()).isEqualTo("物流查询 " + token);
        assertThat(article.status().name()).isEqualTo("PUBLISHED");
        var page = service.get("/service/knowledge/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<li>顺丰</li>").contains("id=\"versions\"");

        form.put("id", Long.toString(id));
        form.put("title", "物流与快递查询 " + token);
        form.remove("publish");
        service.post("/service/knowledge", "/service/knowledge/" + id + "/edit", form);
        assertThat(knowledge.find(id).version()).isEqualTo(2);

        var restored =
                service.post("/service/knowledge/" + id + "/versions/1/restore", "/service/knowledge/" + id, Map.of());

        assertThat(restored.statusCode()).isEqualTo(302);
        assertThat(knowledge.find(id).title()).isEqualTo("物流查询 " + token);
        assertThat(knowledge.find(id).version()).isEqualTo(3);
    }

    @Test
    void anEmptyTitleIsShownOnTheFormAndNothingIsSaved() {
        WebSession service = signedIn(Role.SERVICE);
        Map<String, String> form =
                Map.of("title", " ", "body", "正文 " + token, "locale", "zh-CN", "categoryId", Long.toString(category));

        var refused = service.post("/service/knowledge", "/service/knowledge/new", form);

        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/service/knowledge/new");
        var page = service.get("/service/knowledge/new");
        assertThat(page.body()).contains("id=\"form-errors\"").contains("正文 " + token);
        assertThat(knowledge.categories().stream()
                        .filter(c -> c.id() == category)
                        .findFirst()
                        .orElseThrow()
                        .articles())
                .isZero();
    }

    @Test
    void aSalespersonFindsAndReadsPublishedArticlesButDoesNotEdit() {
        Article published = knowledge.publish(knowledge
                .create(new ArticleDraft(
                        "退货流程 " + token, "收到商品 7 天内可申请退货。", "zh-CN", category, ArticleVisibility.INTERNAL, null))
                .id());
        Article draft = knowledge.create(
                new ArticleDraft("退货草稿 " + token, "未发布。", "zh-CN", category, ArticleVisibility.INTERNAL, null));
        WebSession sales = signedIn(Role.SALES);

        var list = sales.get(
                "/service/knowledge?category=" + category + "&q=" + URLEncoder.encode("退货流程", StandardCharsets.UTF_8));

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body())
                .contains("data-article=\"" + published.id() + "\"")
                .contains("<mark>退货流程</mark>")
                .doesNotContain("data-article=\"" + draft.id() + "\"")
                .doesNotContain("id=\"new-article\"");
        var page = sales.get("/service/knowledge/" + published.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("id=\"edit-article\"").doesNotContain("id=\"versions\"");
        assertThat(sales.get("/service/knowledge/" + draft.id()).statusCode()).isEqualTo(404);
        assertThat(sales.get("/service/knowledge/new").statusCode()).isEqualTo(403);
    }
}
