package dev.retain.predict;

import static dev.retain.predict.Baskets.BAGS;
import static dev.retain.predict.Baskets.PUMP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The rules page, the gap list and the card on the customer page, as a signed-in marketer gets them. */
@RecommendationsDatabaseTest
class RecommendationPagesTests {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    ProductAssociations associations;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    Baskets baskets;

    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeEach
    void signedInWithRules() throws Exception {
        baskets = Baskets.written(jdbc);
        associations.recompute();
        String username = "marketer-" + Long.toHexString(System.nanoTime());
        users.create(new UserAccounts.NewUser(username, "Marketer", null, PASSWORD, Set.of(Role.MARKETER)));
        var csrf = CSRF.matcher(get("/login").body());
        assertThat(csrf.find()).isTrue();
        send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1))));
    }

    @Test
    void theRulesPageListsEachRuleWithItsGap() throws Exception {
        var page = get("/recommendations?lang=en");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/recommendations\"")
                .contains("电动吸奶器", "储奶袋 (30片)", "80.0%", "1.60")
                .contains("/recommendations/gaps?product=" + PUMP + "&amp;companion=" + BAGS);
        assertThat(get("/recommendations?product=" + BAGS).body())
                .contains("/recommendations/gaps?product=" + BAGS)
                .doesNotContain("/recommendations/gaps?product=" + PUMP);
    }

    @Test
    void theGapListNamesTheCustomers() throws Exception {
        var page = get("/recommendations/gaps?product=" + PUMP + "&companion=" + BAGS + "&lang=zh-CN");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("买了电动吸奶器，从未买储奶袋 (30片)。")
                .contains("/customers/" + baskets.customer(4))
                .doesNotContain("/customers/" + baskets.customer(5) + "\"");
    }

    @Test
    void theCustomerPageShowsTheNextBestProducts() throws Exception {
        var page = get("/customers/" + baskets.customer(4) + "?lang=en");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Next best products", "储奶袋 (30片)", "bought 电动吸奶器");
        assertThat(get("/customers/" + baskets.customer(7) + "?lang=en").body()).doesNotContain("Next best products");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
