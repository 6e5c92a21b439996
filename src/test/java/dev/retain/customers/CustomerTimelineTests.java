package dev.retain.customers;

import static dev.retain.customers.CustomerRequests.aPerson;
import static dev.retain.customers.CustomerRequests.e164;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Notes on a customer and the customer's timeline, through the API as a script would use them. */
@IntegrationTest
class CustomerTimelineTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void notesAreWrittenByTheCallerListedNewestFirstAndAudited() {
        ApiClient sales = ApiClient.withRoles(port, apiKeys, Role.SALES);
        long customer = create(sales, "笔记客户 " + token());

        var first = sales.post(notes(customer), Map.of("body", "  Called; wants a quote for 200 units.  "));
        var second = sales.post(notes(customer), Map.of("body", "报价已发送，下周二回访。"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("body").asString()).isEqualTo("Called; wants a quote for 200 units.");
        assertThat(first.body().get("author").asString()).startsWith("api-key:");
        assertThat(first.body().get("customerId").asLong()).isEqualTo(customer);
        var listed = sales.get(notes(customer)).body();
        assertThat(texts(listed, "body")).containsExactly("报价已发送，下周二回访。", "Called; wants a quote for 200 units.");
        var older = sales.get(notes(customer) + "?limit=1&before="
                        + second.body().get("createdAt").asString())
                .body();
        assertThat(texts(older, "body")).containsExactly("Called; wants a quote for 200 units.");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'note' and entity_type = 'customer'"
                                + " and entity_id = ?")
                        .param(Long.toString(customer))
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aNoteMustSaySomethingShortEnoughAboutACustomerThatExists() {
        ApiClient sales = ApiClient.withRoles(port, apiKeys, Role.SALES);
        long customer = create(sales, "无效笔记 " + token());

        var blank = sales.post(notes(customer), Map.of("body", "   "));
        var tooLong = sales.post(notes(customer), Map.of("body", "长".repeat(4001)));
        var unknown = sales.post(notes(Long.MAX_VALUE), Map.of("body", "hello"));
        var malformed = sales.post(notes(customer), "{\"body\": ");

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(blank.body().get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(blank.body().get("errors").get(0).get("message").asString()).isEqualTo("must not be blank");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("errors").get(0).get("message").asString())
                .isEqualTo("at most 4000 characters");
        assertThat(sales.post(notes(customer), Map.of("body", "长".repeat(4000))).status())
                .isEqualTo(201);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(sales.get(notes(Long.MAX_VALUE)).status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(ApiClient.withRoles(port, apiKeys, Role.ANALYST)
                        .post(notes(customer), Map.of("body", "analysts only read"))
                        .status())
                .isEqualTo(403);
        assertThat(sales.get(notes(customer)).body().size()).isEqualTo(1);
    }

    @Test
    void theTimelineHasEveryKindNewestFirstInTheReadersLanguageAndPagesWithItsCursor() {
        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        String token = token();
        var person = aPerson("时间线 " + token);
        String email = "timeline." + token + "@example.com";
        person.put("email", email);
        long customer =
                manager.post("/api/v1/customers", person).body().get("id").asLong();
        String phone = e164((String) person.get("phone"));
        String placed = "TL-" + token + "-1";
        String refunded = "TL-" + token + "-2";
        var orders = manager.postNdjson(
                "/api/v1/orders/bulk?source=shop",
                String.join(
                        "\n",
                        List.of(
                                order(placed, phone, "2026-05-01T10:00:00+08:00", "PAID", "SKU-A", "储奶袋", 2, "30.00"),
                                order(placed, phone, "2026-05-01T10:00:00+08:00", "PAID", "SKU-B", "吸奶器", 1, "39.00"),
                                order(
                                        refunded,
                                        phone,
                                        "2026-06-01T09:00:00+08:00",
                                        "已退款",
                                        "SKU-A",
                                        "储奶袋",
                                        1,
                                        "30.00"))));
        assertThat(orders.status()).isEqualTo(200);
        manager.postNdjson(
                "/api/v1/events/bulk?source=app",
                "{\"email\":\"%s\",\"event_type\":\"login\",\"occurred_at\":\"2026-05-02T08:00:00Z\",\"device\":\"ios\"}"
                        .formatted(email));
        manager.post(notes(customer), Map.of("body", "VIP 客户，节前回访"));
        var task = manager.post(
                "/api/v1/customers/" + customer + "/tasks", Map.of("title", "回访 " + token, "kind", "CALL"));
        assertThat(task.status()).isEqualTo(201);
        long tag = manager.post("/api/v1/tags", Map.of("name", "Timeline " + token, "mode", "MANUAL"))
                .body()
                .get("id")
                .asLong();
        manager.post("/api/v1/tags/" + tag + "/members", Map.of("customerIds", List.of(customer)));
        manager.post("/api/v1/tasks/" + task.body().get("id").asLong() + "/done", Map.of());

        var all = manager.get(timeline(customer) + "?limit=200", "en").body();

        List<JsonNode> entries = list(all.get("entries"));
        assertThat(all.has("next")).isFalse();
        assertThat(entries)
                .extracting(entry -> entry.get("kind").asString())
                .contains("order", "event", "note", "task", "tag");
        assertThat(entries)
                .extracting(entry -> Instant.parse(entry.get("at").asString()))
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(entries)
                .extracting(entry -> entry.get("title").asString())
                .contains(
                        "Order " + placed + " placed · CNY 99.00",
                        "Order " + refunded + " refunded · CNY 30.00",
                        "Event: login",
                        "Note by api-key:test [MANAGER]",
                        "New task (Call): 回访 " + token,
                        "Task done: 回访 " + token,
                        "Tagged Timeline " + token);
        assertThat(texts(
                        manager.get(timeline(customer) + "?kind=task", "en")
                                .body()
                                .get("entries"),
                        "title"))
                .containsSubsequence("Task done: 回访 " + token, "New task (Call): 回访 " + token);
        JsonNode firstOrder = entries.get(entries.size() - 1);
        assertThat(firstOrder.get("at").asString()).isEqualTo("2026-05-01T02:00:00Z");
        assertThat(firstOrder.get("type").asString()).isEqualTo("placed");
        assertThat(firstOrder.get("detail").asString()).isEqualTo("储奶袋 ×2；吸奶器 ×1");
        assertThat(entries)
                .filteredOn(entry -> entry.get("kind").asString().equals("event"))
                .extracting(entry -> entry.get("detail").asString())
                .containsExactly("device=ios");
        assertThat(texts(
                        manager.get(timeline(customer) + "?kind=order", "zh-CN")
                                .body()
                                .get("entries"),
                        "title"))
                .containsExactly("订单 " + refunded + " 已退款 · CNY 30.00", "下单 " + placed + " · CNY 99.00");

        // Only this test writes these kinds for the customer (journeys of other tests may add tasks or tags).
        String ours = timeline(customer) + "?kind=order,event,note";
        List<JsonNode> expected = list(manager.get(ours, "en").body().get("entries"));
        assertThat(expected).hasSize(4);
        var paged = new ArrayList<JsonNode>();
        String before = null;
        int pages = 0;
        do {
            var page = manager.get(ours + "&limit=2" + (before == null ? "" : "&before=" + before), "en")
                    .body();
            assertThat(page.get("entries").size()).isBetween(1, 2);
            paged.addAll(list(page.get("entries")));
            before = page.has("next") ? page.get("next").asString() : null;
            pages++;
        } while (before != null && pages < 20);
        assertThat(pages).isEqualTo(2);
        assertThat(paged)
                .extracting(JsonNode::toString)
                .containsExactlyElementsOf(
                        expected.stream().map(JsonNode::toString).toList());

        var unknownKind = manager.get(timeline(customer) + "?kind=fax");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.body().get("errors").get(0).get("field").asString())
                .isEqualTo("kind");
        assertThat(manager.get(timeline(Long.MAX_VALUE)).status()).isEqualTo(404);
    }

    @Test
    void messagesCouponsAndJourneysHaveTheirEntriesToo() {
        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        String token = token();
        long customer = create(manager, "三模块 " + token);
        long template = manager.post(
                        "/api/v1/message-templates",
                        Map.of(
                                "name", "Hello " + token,
                                "channel", "EMAIL",
                                "locale", "en",
                                "subject", "Hello",
                                "body", "<p>Hello</p>"))
                .body()
                .get("id")
                .asLong();
        var message = manager.post(
                "/api/v1/messages",
                Map.of(
                        "channel",
                        "EMAIL",
                        "customerId",
                        customer,
                        "templateId",
                        template,
                        "idempotencyKey",
                        "timeline-" + token,
                        "marketing",
                        false));
        assertThat(message.body().get("status").asString()).isEqualTo("SUPPRESSED");
        var campaign = new HashMap<String, Object>(Map.of(
                "name", "回归礼 " + token, "kind", "FIXED", "amount", 20, "minSpend", 100, "validDaysAfterIssue", 30));
        long campaignId = manager.post("/api/v1/coupon-campaigns", campaign)
                .body()
                .get("id")
                .asLong();
        String code = manager.post(
                        "/api/v1/coupon-campaigns/" + campaignId + "/coupons", Map.of("customerId", customer))
                .body()
                .get("code")
                .asString();
        assertThat(manager.post("/api/v1/coupons/" + code + "/redemptions", Map.of("orderAmount", 120))
                        .status())
                .isEqualTo(201);
        var graph = Map.of(
                "trigger", Map.of("type", "api"),
                "start", "pause",
                "nodes",
                        Map.of(
                                "pause", Map.of("type", "wait", "params", Map.of("days", 2), "next", "end"),
                                "end", Map.of("type", "exit")));
        long journey = manager.post("/api/v1/journeys", Map.of("name", "Welcome " + token, "graph", graph))
                .body()
                .get("id")
                .asLong();
        manager.post("/api/v1/journeys/" + journey + "/status", Map.of("status", "ACTIVE"));
        assertThat(manager.post("/api/v1/journeys/" + journey + "/enrolments", Map.of("customerIds", List.of(customer)))
                        .body()
                        .get("entered")
                        .asInt())
                .isEqualTo(1);

        var entries = list(manager.get(timeline(customer) + "?kind=message,coupon,journey", "en")
                .body()
                .get("entries"));

        assertThat(entries)
                .extracting(entry -> entry.get("title").asString())
                .containsExactly(
                        "Entered journey Welcome " + token,
                        "Coupon " + code + " redeemed · CNY 20.00 off",
                        "Coupon " + code + " issued · 回归礼 " + token,
                        "Email not sent: suppressed");
        assertThat(entries.get(0).get("link").asString()).isEqualTo("/journeys/" + journey);
        assertThat(entries.get(1).get("link").asString()).isEqualTo("/coupons/" + campaignId);
        assertThat(entries.get(3).get("detail").asString()).isNotBlank();
        assertThat(texts(
                        manager.get(timeline(customer) + "?kind=message,coupon,journey", "zh-CN")
                                .body()
                                .get("entries"),
                        "title"))
                .containsExactly(
                        "进入旅程「Welcome " + token + "」",
                        "核销优惠券 " + code + " · 优惠 CNY 20.00",
                        "发放优惠券 " + code + " · 回归礼 " + token,
                        "邮件未发送：已屏蔽");
    }

    @Test
    void entriesAtTheSameInstantAreNeverSplitBetweenPages() {
        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        String token = token();
        var person = aPerson("同时 " + token);
        long customer =
                manager.post("/api/v1/customers", person).body().get("id").asLong();
        String phone = e164((String) person.get("phone"));
        manager.postNdjson(
                "/api/v1/orders/bulk?source=shop",
                String.join(
                        "\n",
                        order("S-" + token + "-new", phone, "2026-03-02", "PAID", "SKU-A", "A", 1, "10.00"),
                        order("S-" + token + "-a", phone, "2026-03-01", "PAID", "SKU-A", "A", 1, "11.00"),
                        order("S-" + token + "-b", phone, "2026-03-01", "PAID", "SKU-A", "A", 1, "12.00")));

        var first = manager.get(timeline(customer) + "?kind=order&limit=2").body();
        assertThat(first.get("entries").size()).isEqualTo(1);
        String cursor = first.get("next").asString();
        var second = manager.get(timeline(customer) + "?kind=order&limit=2&before=" + cursor)
                .body();
        assertThat(second.get("entries").size()).isEqualTo(2);
        assertThat(second.has("next")).isFalse();

        var single = manager.get(timeline(customer) + "?kind=order&limit=1&before=" + cursor)
                .body();
        assertThat(texts(single.get("entries"), "title"))
                .containsExactlyInAnyOrder(
                        "Order S-" + token + "-a placed · CNY 11.00", "Order S-" + token + "-b placed · CNY 12.00");
        assertThat(manager.get(timeline(customer) + "?kind=order&limit=1&before="
                                + single.get("next").asString())
                        .body()
                        .get("entries")
                        .size())
                .isZero();
    }

    @Test
    void notesFollowTheMergeToTheSurvivorAndGoBackOnUndo() {
        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        String token = token();
        long survivor = create(manager, "留存 " + token);
        long merged = create(manager, "合并 " + token);
        manager.post(notes(survivor), Map.of("body", "survivor's own note " + token));
        manager.post(notes(merged), Map.of("body", "merged customer's note " + token));

        long mergeId = manager.post("/api/v1/customers/" + survivor + "/merge", Map.of("mergedId", merged))
                .body()
                .get("id")
                .asLong();

        assertThat(texts(manager.get(notes(survivor)).body(), "body"))
                .containsExactly("merged customer's note " + token, "survivor's own note " + token);
        assertThat(manager.get(notes(merged)).body().size()).isZero();
        assertThat(texts(manager.get(timeline(survivor) + "?kind=note").body().get("entries"), "detail"))
                .containsExactly("merged customer's note " + token, "survivor's own note " + token);
        var onMerged = manager.post(notes(merged), Map.of("body", "too late"));
        assertThat(onMerged.status()).isEqualTo(409);
        manager.post(notes(survivor), Map.of("body", "after the merge " + token));

        assertThat(manager.post("/api/v1/merges/" + mergeId + "/undo", Map.of()).status())
                .isEqualTo(200);

        assertThat(texts(manager.get(notes(merged)).body(), "body")).containsExactly("merged customer's note " + token);
        assertThat(texts(manager.get(notes(survivor)).body(), "body"))
                .containsExactly("after the merge " + token, "survivor's own note " + token);
    }

    private static String order(
            String orderId,
            String phone,
            String date,
            String status,
            String sku,
            String product,
            int quantity,
            String unitPrice) {
        return """
                {"order_id":"%s","phone":"%s","order_date":"%s","status":"%s","sku":"%s","product_name":"%s",\
                "category":"母婴","quantity":"%d","unit_price":"%s","currency":"CNY"}""".formatted(orderId, phone, date, status, sku, product, quantity, unitPrice);
    }

    private static long create(ApiClient client, String name) {
        return client.post("/api/v1/customers", aPerson(name)).body().get("id").asLong();
    }

    private static String notes(long customerId) {
        return "/api/v1/customers/" + customerId + "/notes";
    }

    private static String timeline(long customerId) {
        return "/api/v1/customers/" + customerId + "/timeline";
    }

    private static List<JsonNode> list(JsonNode array) {
        var items = new ArrayList<JsonNode>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> texts(JsonNode array, String field) {
        return list(array).stream().map(item -> item.get(field).asString()).toList();
    }

    private static String token() {
        return Long.toString(System.nanoTime(), 36);
    }
}
