package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Text no column can hold as sent — a NUL, an unpaired surrogate — is refused at the edge, naming the field. */
@IntegrationTest
class StorableTextTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    ApiClient admin;

    @BeforeEach
    void key() {
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
    }

    @Test
    void aNulCharacterInABodyFieldIsRefusedNamingTheField() {
        var refused = admin.post("/api/v1/customers", """
                {"kind": "PERSON", "name": "a\\u0000b", "city": "杭州"}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(refused.body().get("errors").get(0).get("message").asString())
                .isEqualTo("contains a NUL character (\\u0000), which text cannot hold");
    }

    @Test
    void anUnpairedSurrogateDeepInAJsonDocumentIsRefusedNamingItsPath() {
        var refused = admin.post("/api/v1/journeys", """
                {"name": "ok", "graph": {"trigger": {"type": "api"}, "start": "end",
                 "nodes": {"end": {"type": "exit", "label": "x\\ud800y"}}}}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("graph.nodes.end.label");
        assertThat(refused.body().get("errors").get(0).get("message").asString())
                .isEqualTo("contains an unpaired surrogate (\\ud800), which is not a character");
    }

    @Test
    void aNulCharacterInAQueryParameterIsRefusedNamingIt() {
        var refused = admin.get("/api/v1/customers?q=a%00b");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").get(0).get("field").asString()).isEqualTo("q");
    }

    @Test
    void aPairedSurrogateIsACharacterAndKeptAsSent() {
        var created = admin.post("/api/v1/customers", Map.of("kind", "PERSON", "name", "客户😀"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("name").asString()).isEqualTo("客户😀");
    }
}
