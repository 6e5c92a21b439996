package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ApiDocsTests {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var document = ApiClient.withToken(port, null).get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().get("paths").propertyNames())
                .contains("/api/v1/customers", "/api/v1/customers/{id}", "/api/v1/users", "/api/v1/audit");
    }

    @Test
    void swaggerUiIsServedAtApiDocs() {
        var session = new WebSession(port);

        var redirect = session.get("/api/docs");
        var page = session.get("/api/swagger-ui/index.html");

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("swagger-ui"));
        assertThat(page.statusCode()).isEqualTo(200);
    }
}
