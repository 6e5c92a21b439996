package dev.retain.service.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.CustomerKind;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.Customers;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.service.Article;
import dev.retain.service.ArticleAudience;
import dev.retain.service.ArticleDraft;
import dev.retain.service.ArticleHit;
import dev.retain.service.ArticleQuery;
import dev.retain.service.ArticleStatus;
import dev.retain.service.ArticleVersion;
import dev.retain.service.ArticleVisibility;
import dev.retain.service.KnowledgeBase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The knowledge base: its search ranks Chinese, English and mixed queries as a reader expects (the title above the
 * body, the exact phrase above the same characters scattered), finds something sensible for one- and two-character
 * Chinese queries, marks the matches escaped, keeps to published articles and to what the audience may read; every
 * save is a version and an old one can be restored; bad input is refused with nothing written.
 */
@IntegrationTest
class KnowledgeBaseTests {

    @LocalServerPort
    int port;

    @Autowired
    KnowledgeBase knowledge;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Customers customers;

    @Autowired
    CustomerMerges merges;

    String token;
    long category;
    Article returns;
    Article returnsScattered;
    Article invoice;
    Article invoiceEnglish;
    Article returnEnglish;
    Article tracking;
    Article trackingInBody;
    Article points;
    Article security;
    Article draft;

    @BeforeEach
    void setUp() {
        token = "kb" + Long.toString(System.nanoTime(), 36);
        category = knowledge.createCategory("售后 " + token).id();
        returns = published(
                "退货流程", "收到商品 7 天内可申请退货。\n\n- 在订单页点击“申请退货”\n- 寄回商品后 3 个工作日内退款", ArticleVisibility.PUBLIC, "zh-CN");
        returnsScattered = published("退回货物的流程", "质量问题可退回，货物检测后按流程处理。", ArticleVisibility.PUBLIC, "zh-CN");
        invoice = published("发票开具 Invoice", "下单后可在订单详情页申请开具电子发票（增值税普通发票或专用发票）。", ArticleVisibility.PUBLIC, "zh-CN");
        invoiceEnglish = published(
                "Invoices for companies",
                "A company customer can ask for a VAT invoice on the order page.",
                ArticleVisibility.PUBLIC,
                "en");
        returnEnglish = published(
                "How to return an item",
                "To return an item, open the order and choose Return. Refunds reach you in 3 working days.",
                ArticleVisibility.PUBLIC,
                "en");
        tracking = published("物流查询", "在订单详情页可以查看快递单号和物流进度。", ArticleVisibility.PUBLIC, "zh-CN");
        trackingInBody = published("快递延误怎么办", "先做物流查询：订单详情页有快递单号；超过 5 天没有更新请联系客服。", ArticleVisibility.PUBLIC, "zh-CN");
        points = published("会员积分规则", "每消费 1 元积 1 分，积分可在下单时抵扣现金。", ArticleVisibility.PUBLIC, "zh-CN");
        security = published("账户安全 " + token, "客服核实身份的内部步骤：先核对手机号后四位。", ArticleVisibility.INTERNAL, "zh-CN");
        draft = knowledge.create(
                new ArticleDraft("退货流程（新版草稿）", "尚未发布的退货流程。", "zh-CN", category, ArticleVisibility.PUBLIC, null));
    }

    private Article published(String title, String body, ArticleVisibility visibility, String locale) {
        Article created = knowledge.create(new ArticleDraft(title, body, locale, category, visibility, null));
        return knowledge.publish(created.id());
    }

    private List<ArticleHit> search(String text) {
        return knowledge.search(new ArticleQuery(text, null, category, null, null, 20));
    }

    private static List<Long> ids(List<ArticleHit> hits) {
        return hits.stream().map(ArticleHit::id).toList();
    }

    @Test
    void aChineseQueryRanksTheExactPhraseInTheTitleFirstAndScatteredCharactersBelow() {
        List<Long> found = ids(search("退货流程"));

        assertThat(found.get(0)).isEqualTo(returns.id());
        assertThat(found).contains(returnsScattered.id());
        assertThat(found.indexOf(returnsScattered.id())).isGreaterThan(0);
        assertThat(found).doesNotContain(draft.id());
    }

    @Test
    void theTitleCountsAboveTheBody() {
        List<Long> found = ids(search("物流查询"));

        assertThat(found).startsWith(tracking.id(), trackingInBody.id());
    }

    @Test
    void aMixedChineseAndEnglishQueryFindsTheArticleWithBoth() {
        List<ArticleHit> hits = search("发票 invoice");

        assertThat(ids(hits).get(0)).isEqualTo(invoice.id());
        assertThat(ids(hits)).contains(invoiceEnglish.id());
        assertThat(hits.get(0).titleHtml()).isEqualTo("<mark>发票</mark>开具 <mark>Invoice</mark>");
    }

    @Test
    void anEnglishQueryIgnoresItsCommonWordsAndMatchesWordsByTheirStart() {
        assertThat(ids(search("how to return")).get(0)).isEqualTo(returnEnglish.id());
        assertThat(ids(search("retu")).get(0)).isEqualTo(returnEnglish.id());
        assertThat(ids(search("ＩＮＶＯＩＣＥ"))).contains(invoice.id(), invoiceEnglish.id());
    }

    @Test
    void aTwoCharacterChineseQueryFindsTheArticlesWithThatWordTitleFirst() {
        List<ArticleHit> hits = search("积分");

        assertThat(ids(hits).get(0)).isEqualTo(points.id());
        assertThat(hits)
                .allSatisfy(
                        hit -> assertThat(hit.titleHtml() + hit.snippetHtml()).contains("<mark>积分</mark>"));
    }

    @Test
    void aOneCharacterChineseQueryFindsTheArticlesHoldingThatCharacterAndNoOthers() {
        List<ArticleHit> hits = search("票");

        assertThat(ids(hits).get(0)).isEqualTo(invoice.id());
        assertThat(ids(hits)).doesNotContain(points.id(), returns.id(), tracking.id());
        assertThat(hits)
                .allSatisfy(
                        hit -> assertThat(hit.titleHtml() + hit.snippetHtml()).contains("<mark>票</mark>"));
        // a character that appears nowhere finds nothing, rather than everything
        assertThat(search("鑫")).isEmpty();
    }

    @Test
    void matchesAreMarkedInEscapedText() {
        Article tricky =
                published("<b>退款</b> & 发票", "<script>alert('x')</script> 退款说明", ArticleVisibility.PUBLIC, "zh-CN");

        ArticleHit hit = search("退款").stream()
                .filter(h -> h.id() == tricky.id())
                .findFirst()
                .orElseThrow();

        assertThat(hit.titleHtml()).isEqualTo("&lt;b&gt;<mark>退款</mark>&lt;/b&gt; &amp; 发票");
        assertThat(hit.snippetHtml()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void customersFindPublicArticlesOnlyAndStaffFindInternalOnesToo() {
        List<Long> forStaff = ids(knowledge.suggest("账户安全 " + token, Locale.SIMPLIFIED_CHINESE, 5));
        List<Long> forCustomers =
                ids(knowledge.suggest("账户安全 " + token, Locale.SIMPLIFIED_CHINESE, ArticleAudience.CUSTOMERS, 5));

        assertThat(forStaff).contains(security.id());
        assertThat(forCustomers).doesNotContain(security.id());

        var anyone = publicGet("/public/knowledge/suggest?q=" + encode("账户安全 " + token));
        assertThat(anyone.statusCode()).isEqualTo(200);
        assertThat(anyone.body()).doesNotContain("\"id\":" + security.id());
        assertThat(publicGet("/public/knowledge/articles/" + security.id()).statusCode())
                .isEqualTo(404);
        assertThat(publicGet("/public/knowledge/articles/" + draft.id()).statusCode())
                .isEqualTo(404);
        var open = publicGet("/public/knowledge/articles/" + returns.id());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).contains("<li>");
    }

    @Test
    void thePublicSuggestionsFindWhatACustomerTypes() {
        var answer = publicGet("/public/knowledge/suggest?locale=zh-CN&q=" + encode("退货流程"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"id\":" + returns.id()).contains("<mark>");
    }

    @Test
    void aTicketsLongTextStillGetsSuggestions() {
        String ticket = "您好，我上周买的商品有质量问题，想了解一下退货流程，" + "另外需要开具发票。".repeat(40);

        List<Long> found = ids(knowledge.suggest(ticket, Locale.SIMPLIFIED_CHINESE, 10));

        assertThat(found).contains(returns.id());
    }

    @Test
    void draftsAndArchivedArticlesAreFoundOnlyWhenAskedFor() {
        assertThat(ids(search("草稿"))).doesNotContain(draft.id());
        assertThat(ids(knowledge.search(
                        new ArticleQuery("草稿", null, category, null, Set.of(ArticleStatus.values()), 20))))
                .contains(draft.id());

        knowledge.archive(tracking.id());
        assertThat(ids(search("物流查询"))).doesNotContain(tracking.id());
        knowledge.publish(tracking.id());
        assertThat(ids(search("物流查询"))).contains(tracking.id());
    }

    @Test
    void everySaveIsAVersionAndAnOldOneCanBeRestored() {
        Article changed = knowledge.update(
                points.id(),
                new ArticleDraft("积分兑换规则", "积分可兑换优惠券。", "zh-CN", category, ArticleVisibility.PUBLIC, null));
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.status()).isEqualTo(ArticleStatus.PUBLISHED);
        assertThat(ids(search("兑换"))).contains(points.id());
        assertThat(ids(search("抵扣"))).doesNotContain(points.id());

        Article restored = knowledge.restore(points.id(), 1);

        assertThat(restored.version()).isEqualTo(3);
        assertThat(restored.title()).isEqualTo("会员积分规则");
        List<ArticleVersion> versions = knowledge.versions(points.id());
        assertThat(versions).extracting(ArticleVersion::version).containsExactly(3, 2, 1);
        assertThat(versions.get(0).restoredFrom()).isEqualTo(1);
        assertThat(ids(search("抵扣"))).contains(points.id());
        assertThat(ids(search("兑换"))).doesNotContain(points.id());
        assertThatThrownBy(() -> knowledge.restore(points.id(), 9)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTranslationLinksToItsOriginal() {
        Article english = knowledge.create(new ArticleDraft(
                "Return process", "Apply within 7 days.", "en", category, ArticleVisibility.PUBLIC, returns.id()));

        assertThat(english.translationOf()).isEqualTo(returns.id());
        assertThatThrownBy(() -> knowledge.create(
                        new ArticleDraft("退货流程 2", "正文", "zh-CN", category, ArticleVisibility.PUBLIC, returns.id())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("translationOf");
    }

    @Test
    void usesAreCountedOncePerTicket() {
        long customer = 900_000_000L + System.nanoTime() % 1_000_000;

        assertThat(knowledge.recordUse(invoice.id(), 71, customer)).isTrue();
        assertThat(knowledge.recordUse(invoice.id(), 71, customer)).isFalse();
        assertThat(knowledge.recordUse(invoice.id(), 72, customer)).isTrue();

        assertThat(knowledge.find(invoice.id()).uses()).isEqualTo(2);
        assertThat(knowledge.mostUsed(100)).extracting(Article::id).contains(invoice.id());
        assertThatThrownBy(() -> knowledge.recordUse(-1, 71, customer)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void usesMoveWithTheCustomersMergeAndBackOnItsUndo() {
        Customer survivor = aCustomer("甲");
        Customer merged = aCustomer("乙");
        knowledge.recordUse(returns.id(), 81, merged.id());

        var merge = merges.merge(survivor.id(), merged.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> usesOf(survivor.id()) == 1);
        assertThat(usesOf(merged.id())).isZero();
        merges.unmerge(merge.id());
        await().atMost(Duration.ofSeconds(20)).until(() -> usesOf(merged.id()) == 1);
        assertThat(usesOf(survivor.id())).isZero();
        assertThat(knowledge.find(returns.id()).uses()).isEqualTo(1);
    }

    private Customer aCustomer(String name) {
        return customers.create(new CustomerDraft(
                CustomerKind.PERSON,
                name + " " + token,
                null,
                name.hashCode() + "-" + token + "@example.com",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "knowledge-test",
                Map.of()));
    }

    private long usesOf(long customerId) {
        return jdbc.sql("select count(*) from article_uses where customer_id = ?")
                .param(customerId)
                .query(Long.class)
                .single();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        var api = ApiClient.withRoles(port, apiKeys, Role.SERVICE);
        long before = articles();

        var emptyTitle = api.post(
                "/api/v1/knowledge/articles",
                Map.of("title", " ", "body", "正文", "locale", "zh-CN", "categoryId", category));
        var unknownCategory = api.post(
                "/api/v1/knowledge/articles", Map.of("title", "标题", "body", "正文", "locale", "zh-CN", "categoryId", -5));
        var badLocale = api.post(
                "/api/v1/knowledge/articles",
                Map.of("title", "标题", "body", "正文", "locale", "fr", "categoryId", category));
        var longQuery = api.get("/api/v1/knowledge/articles?q=" + encode("退".repeat(201)));

        assertThat(emptyTitle.status()).isEqualTo(400);
        assertThat(emptyTitle.contentType()).startsWith("application/problem+json");
        assertThat(emptyTitle.body().toString()).contains("title");
        assertThat(unknownCategory.status()).isEqualTo(400);
        assertThat(unknownCategory.body().toString()).contains("unknown category -5");
        assertThat(badLocale.status()).isEqualTo(400);
        assertThat(badLocale.body().toString()).contains("locale");
        assertThat(longQuery.status()).isEqualTo(400);
        assertThat(longQuery.contentType()).startsWith("application/problem+json");
        assertThat(longQuery.body().toString()).contains("at most 200 characters");
        assertThat(publicGet("/public/knowledge/suggest?q=" + encode("a".repeat(201)))
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/knowledge/articles?visibility=SECRET").status())
                .isEqualTo(400);
        assertThat(articles()).isEqualTo(before);
    }

    @Test
    void onlyEditorsWriteThroughTheApi() {
        var sales = ApiClient.withRoles(port, apiKeys, Role.SALES);
        var service = ApiClient.withRoles(port, apiKeys, Role.SERVICE);
        Map<String, Object> body = Map.of(
                "title",
                "Reset a password " + token,
                "body",
                "Open the sign-in page.",
                "locale",
                "en",
                "categoryId",
                category,
                "visibility",
                "PUBLIC");

        assertThat(sales.post("/api/v1/knowledge/articles", body).status()).isEqualTo(403);
        var created = service.post("/api/v1/knowledge/articles", body);
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(service.post("/api/v1/knowledge/articles/" + id + "/publish", Map.of())
                        .status())
                .isEqualTo(200);
        var found = sales.get("/api/v1/knowledge/articles?q=" + encode("password " + token) + "&locale=en");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get(0).get("id").asLong()).isEqualTo(id);
        assertThat(sales.get("/api/v1/knowledge/articles/" + id + "/versions")
                        .body()
                        .size())
                .isEqualTo(1);
    }

    private long articles() {
        return jdbc.sql("select count(*) from knowledge_articles")
                .query(Long.class)
                .single();
    }

    private HttpResponse<String> publicGet(String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
