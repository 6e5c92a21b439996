package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.retain.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Swagger UI has a policy of its own; it must still draw the API, and break nothing in it. */
@IntegrationTest
@Tag("browser")
class ApiDocsBrowserTests {

    @LocalServerPort
    int port;

    BrowserContext context;
    Page page;

    @BeforeEach
    void openBrowser() {
        context = BrowserSupport.newContext("en");
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        BrowserSupport.close(context);
    }

    @Test
    void theApiDocumentationOpensWithoutSigningIn() {
        page.navigate("http://localhost:" + port + "/api/docs");

        // the first request builds the OpenAPI document of every endpoint: give it time
        assertThat(page.locator(".swagger-ui .info .title"))
                .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        assertThat(page.locator(".swagger-ui .opblock").first()).isVisible();
    }
}
