package dev.retain.messaging;

import static dev.retain.messaging.MessagingFixtures.todayAt;
import static dev.retain.messaging.MessagingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.Customers;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The messaging API: who may do what, previews, sending, the log and the suppression list, errors as problem+json. */
@MessagingTest
class MessagingApiTests {

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Customers customers;

    @Autowired
    Templates templates;

    @Autowired
    MovableClock clock;

    @LocalServerPort
    int port;

    MessagingFixtures fixtures;

    @BeforeEach
    void noon() {
        clock.set(todayAt(12, 0));
        fixtures = new MessagingFixtures(customers, templates);
    }

    @AfterEach
    void realTime() {
        clock.set(null);
    }

    @Test
    void marketersWriteTemplatesEveryoneReadsAndPreviewsForARealCustomer() {
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        var marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
        Customer customer = fixtures.aCustomerWithEmailAndPhone("欧阳娜娜");
        var draft = new HashMap<String, Object>(Map.of(
                "name", unique("birthday"),
                "channel", "EMAIL",
                "locale", "en",
                "subject", "Happy birthday, {{customer.firstName | default: \"friend\"}}",
                "body", "<p>Hi {{customer.frist_name}}, code {{coupon.code}}</p>"));

        var refused = analyst.post("/api/v1/message-templates", draft);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        var created = marketer.post("/api/v1/message-templates", draft);
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(created.body().get("unknownVariables").get(0).asString()).isEqualTo("customer.frist_name");
        assertThat(analyst.get("/api/v1/message-templates/" + id + "/unknown-variables")
                        .body()
                        .get(0)
                        .asString())
                .isEqualTo("customer.frist_name");

        var preview = analyst.post(
                "/api/v1/message-templates/" + id + "/preview",
                Map.of("customerId", customer.id(), "variables", Map.of("coupon", Map.of("code", "BDAY-10"))));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body().get("subject").asString()).isEqualTo("Happy birthday, 娜娜");
        assertThat(preview.body().get("body").asString()).isEqualTo("<p>Hi , code BDAY-10</p>");
        assertThat(preview.body().get("recipient").asString())
                .as("an analyst sees the encrypted address masked")
                .isEqualTo(customer.email().charAt(0) + "***"
                        + customer.email().substring(customer.email().indexOf('@')));

        draft.put("body", "<p>Hi {{customer.firstName}}, code {{coupon.code}}</p>");
        var fixed = marketer.put("/api/v1/message-templates/" + id, draft);
        assertThat(fixed.body().get("unknownVariables")).isEmpty();

        var noSubject = marketer.post(
                "/api/v1/message-templates",
                Map.of("name", unique("x"), "channel", "EMAIL", "locale", "fr", "body", "x"));
        assertThat(noSubject.status()).isEqualTo(400);
        assertThat(noSubject.contentType()).startsWith("application/problem+json");
        assertThat(noSubject
                        .body()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("subject", "locale");
        assertThat(marketer.post("/api/v1/message-templates", draft).status()).isEqualTo(409);

        var nobody = analyst.post("/api/v1/message-templates/" + id + "/preview", Map.of("customerId", 999_999_999));
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.contentType()).startsWith("application/problem+json");
    }

    @Test
    void sendingTheLogAndTheSuppressionList() {
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        var marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
        var service = ApiClient.withRoles(port, apiKeys, Role.SERVICE);
        Customer customer = fixtures.aCustomerWithEmailAndPhone("冯小刚");
        long template = fixtures.anSmsTemplate().id();
        String key = unique("api");
        var message = Map.of(
                "channel",
                "SMS",
                "customerId",
                customer.id(),
                "templateId",
                template,
                "idempotencyKey",
                key,
                "sourceRef",
                "api:test",
                "marketing",
                true);

        assertThat(analyst.post("/api/v1/messages", message).status()).isEqualTo(403);
        var sent = marketer.post("/api/v1/messages", message);
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().get("status").asString()).isEqualTo("QUEUED");
        long id = sent.body().get("deliveryId").asLong();
        assertThat(marketer.post("/api/v1/messages", message)
                        .body()
                        .get("deliveryId")
                        .asLong())
                .isEqualTo(id);

        var log = analyst.get("/api/v1/message-deliveries?customerId=" + customer.id());
        assertThat(log.body().get("total").asLong()).isEqualTo(1);
        assertThat(log.body().get("items").get(0).get("idempotencyKey").asString())
                .isEqualTo(key);
        assertThat(analyst.get("/api/v1/message-deliveries/" + id)
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("QUEUED");
        assertThat(analyst.get("/api/v1/message-deliveries/counts?source=api:")
                        .body()
                        .get("requested")
                        .asLong())
                .isPositive();

        var wrongChannel = marketer.post(
                "/api/v1/messages",
                Map.of(
                        "channel",
                        "EMAIL",
                        "customerId",
                        customer.id(),
                        "templateId",
                        template,
                        "idempotencyKey",
                        unique("k")));
        assertThat(wrongChannel.status()).isEqualTo(400);
        assertThat(wrongChannel.body().get("errors").get(0).get("field").asString())
                .isEqualTo("templateId");

        assertThat(analyst.post("/api/v1/suppressions", Map.of("customerId", customer.id()))
                        .status())
                .isEqualTo(403);
        var suppressed = service.post(
                "/api/v1/suppressions",
                Map.of("customerId", customer.id(), "channel", "SMS", "note", "asked by phone"));
        assertThat(suppressed.status()).isEqualTo(200);
        assertThat(suppressed.body().get("reason").asString()).isEqualTo("MANUAL");
        var blocked = marketer.post(
                "/api/v1/messages",
                Map.of(
                        "channel",
                        "SMS",
                        "customerId",
                        customer.id(),
                        "templateId",
                        template,
                        "idempotencyKey",
                        unique("k")));
        assertThat(blocked.body().get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(analyst.get("/api/v1/customers/" + customer.id() + "/suppressions")
                        .body()
                        .get(0)
                        .get("channel")
                        .asString())
                .isEqualTo("SMS");

        assertThat(service.delete("/api/v1/suppressions/" + customer.id() + "/SMS")
                        .status())
                .isEqualTo(204);
        assertThat(service.delete("/api/v1/suppressions/" + customer.id() + "/SMS")
                        .status())
                .isEqualTo(404);
        assertThat(analyst.get("/api/v1/message-deliveries/999999999").status()).isEqualTo(404);
    }
}
