package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.UserAccounts.NewUser;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every sidebar entry is shown to exactly the roles its page lets in. */
@IntegrationTest
class NavigationRolesTests {

    private static final String PASSWORD = "navigation test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    List<NavigationItem> items;

    Map<Role, WebSession> sessions = new EnumMap<>(Role.class);

    @BeforeEach
    void signInOnePersonPerRole() {
        for (Role role : Role.staff()) {
            String username = "nav-" + role.name().toLowerCase() + "-" + Long.toHexString(System.nanoTime());
            users.create(new NewUser(username, "Nav " + role, null, PASSWORD, Set.of(role)));
            WebSession session = new WebSession(port);
            session.signIn(username, PASSWORD);
            sessions.put(role, session);
        }
    }

    @Test
    void anEntryIsShownToARoleExactlyWhenItsPageOpensForThatRole() {
        SoftAssertions softly = new SoftAssertions();
        for (Role role : Role.staff()) {
            WebSession session = sessions.get(role);
            String sidebar = sidebarOf(session.get("/").body());
            for (NavigationItem item : items) {
                int status = statusOf(session, item.path());
                boolean shown = sidebar.contains("href=\"" + item.path() + "\"");
                softly.assertThat(shown)
                        .as("%s sees %s (GET answers %d)", role, item.path(), status)
                        .isEqualTo(status == 200);
                softly.assertThat(item.visibleTo(Set.of(role)))
                        .as("%s may open %s by its roles %s", role, item.path(), item.roles())
                        .isEqualTo(status == 200);
            }
        }
        softly.assertAll();
    }

    @Test
    void groupsWithoutAnEntryTheRoleMayOpenAreNotShown() {
        String sales = sessions.get(Role.SALES).get("/").body();
        String admin = sessions.get(Role.ADMIN).get("/").body();

        assertThat(sales).contains("id=\"nav-group-CUSTOMERS\"").doesNotContain("id=\"nav-group-SETTINGS\"");
        assertThat(admin).contains("id=\"nav-group-SETTINGS\"");
        assertThat(sales).contains("id=\"nav-group-SALES\"");
        assertThat(sessions.get(Role.ANALYST).get("/").body()).doesNotContain("id=\"nav-group-SALES\"");
        assertThat(admin).contains("id=\"nav-group-SERVICE\"");
        assertThat(sessions.get(Role.SERVICE).get("/").body()).contains("id=\"nav-group-SERVICE\"");
        // everyone reads the knowledge base; the tickets are the service team's
        String marketer = sessions.get(Role.MARKETER).get("/").body();
        assertThat(marketer).contains("id=\"nav-group-SERVICE\"").contains("href=\"/service/knowledge\"");
        assertThat(marketer).doesNotContain("href=\"/tickets\"");
    }

    @Test
    void theCurrentPagesEntryIsHighlighted() {
        String page = sidebarOf(
                sessions.get(Role.MANAGER).get("/customers/duplicates").body());

        assertThat(page).contains("class=\"nav-link active\" href=\"/customers/duplicates\"");
        assertThat(page).contains("class=\"nav-link\" href=\"/customers\"");
    }

    /** The status of the page an entry leads to, after the redirects of entries that open a sub-page. */
    private static int statusOf(WebSession session, String path) {
        var response = session.get(path);
        for (int hops = 0; hops < 3 && response.statusCode() == 302; hops++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            String next = URI.create(location).getPath();
            if (next.equals("/login")) {
                break;
            }
            response = session.get(next);
        }
        return response.statusCode();
    }

    private static String sidebarOf(String page) {
        int start = page.indexOf("id=\"nav\"");
        assertThat(start).as("the page has a sidebar").isPositive();
        return page.substring(start, page.indexOf("</aside>", start));
    }
}
