package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.IntegrationTest;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.sso.OidcIdentity;
import dev.retain.platform.sso.SingleSignOnAccounts;
import dev.retain.platform.sso.SingleSignOnRefusal;
import dev.retain.platform.sso.SingleSignOnRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Single sign-on through a real OpenID Connect provider ({@link OidcProvider}) over real HTTP: the whole authorization
 * code flow, from the sign-in page's button through the provider's own sign-in form and back, as a browser makes it.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "retain.data-dir=target/test-data-sso",
            "retain.security.oidc.client-id=" + OidcProvider.CLIENT_ID,
            "retain.security.oidc.client-secret=" + OidcProvider.CLIENT_SECRET,
            "retain.security.oidc.display-name=Company Login",
            "retain.security.oidc.role-mapping=retain-admins=ADMIN, retain-sales=SALES, leads=MANAGER, leads=SALES"
        })
class SingleSignOnTests {

    private static final OidcProvider provider = OidcProvider.start();

    @DynamicPropertySource
    static void theProvider(DynamicPropertyRegistry registry) {
        registry.add("retain.security.oidc.issuer-uri", provider::issuer);
    }

    @AfterAll
    static void stopTheProvider() {
        provider.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SingleSignOnAccounts accounts;

    @BeforeEach
    void registerRetainAtTheProvider() {
        provider.registerClient("http://localhost:" + port + "/login/oauth2/code/oidc");
    }

    @Test
    void theSignInPageOffersSingleSignOnByTheProvidersName() {
        var page = new Browser().get("/login");

        assertThat(page.body()).contains("id=\"single-sign-on\"").contains("Sign in with Company Login");
    }

    @Test
    void aFirstSignInCreatesTheUserWithTheRolesOfTheirGroups() {
        provider.setGroups("lin.wei", "retain-sales", "canteen-committee");
        var browser = new Browser();

        var landing = browser.signInWithSso("lin.wei");

        assertThat(landing.uri().getPath()).isEqualTo("/");
        assertThat(landing.statusCode()).isEqualTo(200);
        UserAccount user = users.findByUsername("lin.wei").orElseThrow();
        assertThat(user.roles()).containsExactly(Role.SALES);
        assertThat(user.displayName()).isEqualTo("Name of lin.wei");
        assertThat(user.email()).isEqualTo("lin.wei@example.com");
        assertThat(user.enabled()).isTrue();
        assertThat(browser.get("/customers").uri().getPath())
                .as("the session is a signed-in one")
                .isEqualTo("/customers");
        assertThat(audited("user", String.valueOf(user.id())))
                .extracting(entry -> entry.get("action"))
                .contains("create");
        assertThat(audited("sign_in", "lin.wei"))
                .anySatisfy(entry -> assertThat(entry)
                        .containsEntry("action", "sign-in")
                        .containsEntry("actor", "lin.wei")
                        .extractingByKey("after")
                        .asString()
                        .contains("\"channel\": \"SINGLE_SIGN_ON\""));
    }

    @Test
    void aValueMappedTwiceGivesBothRoles() {
        provider.setGroups("zhao.lei", "leads");

        new Browser().signInWithSso("zhao.lei");

        assertThat(users.findByUsername("zhao.lei").orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.MANAGER, Role.SALES);
    }

    @Test
    void eachSignInGivesTheRolesOfTheGroupsTheUserIsInNow() {
        provider.setGroups("wang.fang", "retain-sales");
        new Browser().signInWithSso("wang.fang");
        long id = users.findByUsername("wang.fang").orElseThrow().id();

        provider.setGroups("wang.fang", "retain-admins");
        var browser = new Browser();
        var landing = browser.signInWithSso("wang.fang");

        assertThat(landing.uri().getPath()).isEqualTo("/");
        assertThat(users.find(id).roles()).containsExactly(Role.ADMIN);
        assertThat(browser.get("/admin/users").uri().getPath())
                .as("the new roles hold in the new session")
                .isEqualTo("/admin/users");
        assertThat(audited("user", String.valueOf(id)))
                .anySatisfy(entry -> assertThat(entry)
                        .containsEntry("action", "change-roles")
                        .containsEntry("actor", "single-sign-on")
                        .extractingByKey("after")
                        .asString()
                        .contains("ADMIN"));
    }

    @Test
    void aRoleRequiringTwoFactorSignInLeavesTheSecondFactorToTheProvider() {
        jdbc.sql(
                        "insert into two_factor_required_roles (role, updated_at) values ('SALES', now()) on conflict do nothing")
                .update();
        try {
            String username = "qian.yu" + Long.toString(System.nanoTime(), 36);
            provider.setGroups(username, "retain-sales");
            var browser = new Browser();

            assertThat(browser.signInWithSso(username).uri().getPath()).isEqualTo("/");
            assertThat(browser.get("/customers").uri().getPath())
                    .as("no enrolment asked of a single sign-on session")
                    .isEqualTo("/customers");
        } finally {
            jdbc.sql("delete from two_factor_required_roles where role = 'SALES'")
                    .update();
        }
    }

    @Test
    void theLastEnabledAdminKeepsAdminWhenTheirGroupsNoLongerGiveIt() {
        provider.setGroups("chen.jing", "retain-admins");
        new Browser().signInWithSso("chen.jing");
        long id = users.findByUsername("chen.jing").orElseThrow().id();
        Long[] otherAdmins = jdbc.sql("select id from users where enabled and 'ADMIN' = any(roles) and id <> ?")
                .param(id)
                .query(Long.class)
                .list()
                .toArray(Long[]::new);
        jdbc.sql("update users set enabled = false where id = any (?)")
                .param(otherAdmins)
                .update();
        try {
            provider.setGroups("chen.jing", "retain-sales");
            new Browser().signInWithSso("chen.jing");

            assertThat(users.find(id).roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.SALES);
        } finally {
            jdbc.sql("update users set enabled = true where id = any (?)")
                    .param(otherAdmins)
                    .update();
        }
    }

    @Test
    void someoneWhoseGroupsGiveNoRoleIsRefusedAndNoUserIsCreated() {
        provider.setGroups("chen.jie", "canteen-committee");

        var landing = new Browser().signInWithSso("chen.jie");

        assertThat(landing.uri().getPath()).isEqualTo("/login");
        assertThat(landing.uri().getQuery()).isEqualTo("sso=no-role");
        assertThat(landing.body()).contains("is in no group that has a role in Retain");
        assertThat(users.findByUsername("chen.jie")).isEmpty();
        assertThat(audited("sign_in", "chen.jie"))
                .anySatisfy(entry -> assertThat(entry)
                        .containsEntry("action", "sign-in-failed")
                        .extractingByKey("after")
                        .asString()
                        .contains("\"reason\": \"no-role\"")
                        .contains("\"channel\": \"SINGLE_SIGN_ON\""));
    }

    @Test
    void aDisabledUserIsRefusedThoughTheProviderLetsThemIn() {
        provider.setGroups("liu.yang", "retain-sales");
        var before = new Browser();
        before.signInWithSso("liu.yang");
        long id = users.findByUsername("liu.yang").orElseThrow().id();

        users.setEnabled(id, false);
        var landing = new Browser().signInWithSso("liu.yang");

        assertThat(landing.uri().getPath()).isEqualTo("/login");
        assertThat(landing.uri().getQuery()).isEqualTo("sso=disabled");
        assertThat(landing.body()).contains("Your Retain account is disabled");
        assertThat(before.get("/customers").uri())
                .as("the session signed in before the user was disabled has ended")
                .hasPath("/login")
                .hasQuery("ended");
        assertThat(audited("sign_in", "liu.yang"))
                .anySatisfy(entry -> assertThat(entry)
                        .containsEntry("action", "sign-in-failed")
                        .extractingByKey("after")
                        .asString()
                        .contains("\"reason\": \"disabled\""));
    }

    @Test
    void aUserCreatedBySingleSignOnHasNoPasswordToSignInWithUntilAnAdminSetsOne() {
        provider.setGroups("sun.li", "retain-sales");
        new Browser().signInWithSso("sun.li");
        long id = users.findByUsername("sun.li").orElseThrow().id();

        var withoutPassword = new WebSession(port).signIn("sun.li", "");
        String temporary = users.resetPassword(id);
        var withTemporaryPassword = new WebSession(port).signIn("sun.li", temporary);

        assertThat(withoutPassword.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        assertThat(withTemporaryPassword.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("/login"));
    }

    @Test
    void theUsersPageShowsSingleSignOnAsTheirWayOfSigningIn() {
        provider.setGroups("zhou.min", "retain-sales");
        new Browser().signInWithSso("zhou.min");
        users.create(new NewUser("sso-page-admin", "Admin", null, "sso page admin password", Set.of(Role.ADMIN)));
        var admin = new WebSession(port);
        admin.signIn("sso-page-admin", "sso page admin password");

        String page = admin.get("/admin/users?lang=en").body();

        assertThat(rowOf(page, "zhou.min")).contains("single sign-on").doesNotContain("password,");
        assertThat(rowOf(page, "sso-page-admin")).contains(">password<");
    }

    @Test
    void anExistingUserOfTheSameNameIsLinkedAndKeepsTheirPassword() {
        users.create(new NewUser("he.ping", "He Ping", null, "he ping's own password", Set.of(Role.ANALYST)));
        provider.setGroups("he.ping", "retain-sales");

        var landing = new Browser().signInWithSso("he.ping");

        assertThat(landing.uri().getPath()).isEqualTo("/");
        assertThat(users.findByUsername("he.ping").orElseThrow().roles()).containsExactly(Role.SALES);
        assertThat(new WebSession(port)
                        .signIn("he.ping", "he ping's own password")
                        .headers()
                        .firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("/login"));
        assertThat(jdbc.sql("select count(*) from users where username = 'he.ping' and sso_subject = 'he.ping'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aUserLinkedToSomeoneElseAtTheProviderStaysTheirs() {
        accounts.signIn(identity("subject-of-the-first-qian", "qian.yu", "retain-sales"));

        assertThatThrownBy(() -> accounts.signIn(identity("subject-of-another-qian", "qian.yu", "retain-admins")))
                .isInstanceOfSatisfying(
                        SingleSignOnRefusedException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(SingleSignOnRefusal.TAKEN));
        assertThat(users.findByUsername("qian.yu").orElseThrow().roles()).containsExactly(Role.SALES);
    }

    @Test
    void theUserFoundBySubjectKeepsTheirUsernameWhenTheProviderRenamesThem() {
        UserAccount first = accounts.signIn(identity("subject-of-feng", "feng.jun", "retain-sales"));

        UserAccount renamed = accounts.signIn(identity("subject-of-feng", "feng.jun2", "retain-sales"));

        assertThat(renamed.id()).isEqualTo(first.id());
        assertThat(renamed.username()).isEqualTo("feng.jun");
        assertThat(users.findByUsername("feng.jun2")).isEmpty();
    }

    @Test
    void aUserLinkedAtAProviderNoLongerConfiguredIsLinkedAnew() {
        accounts.signIn(new OidcIdentity(
                "http://old-provider.example", "old-subject", "tang.hui", null, null, List.of("retain-sales")));

        UserAccount user = accounts.signIn(identity("new-subject", "tang.hui", "retain-sales"));

        assertThat(user.username()).isEqualTo("tang.hui");
        assertThat(jdbc.sql("select sso_issuer from users where id = ?")
                        .param(user.id())
                        .query(String.class)
                        .single())
                .isEqualTo(provider.issuer());
    }

    @Test
    void anExistingUserIsFoundWhateverTheCaseOfTheUsername() {
        users.create(new NewUser("Ma.Lin", "Ma Lin", null, "ma lin's own password", Set.of(Role.SALES)));

        UserAccount user = accounts.signIn(identity("subject-of-ma-lin", "ma.lin", "retain-sales"));

        assertThat(user.username()).isEqualTo("Ma.Lin");
        assertThat(users.findByUsername("ma.lin")).isEmpty();
    }

    @Test
    void aMissingOrUnusableUsernameIsRefused() {
        assertThatThrownBy(() -> accounts.signIn(identity("subject-without-name", null, "retain-sales")))
                .isInstanceOfSatisfying(
                        SingleSignOnRefusedException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(SingleSignOnRefusal.NO_USERNAME));
        assertThatThrownBy(() -> accounts.signIn(identity("subject-with-spaces", "lin wei", "retain-sales")))
                .isInstanceOfSatisfying(
                        SingleSignOnRefusedException.class,
                        refused -> assertThat(refused.refusal()).isEqualTo(SingleSignOnRefusal.NO_USERNAME));
    }

    private static OidcIdentity identity(String subject, String username, String... groups) {
        return new OidcIdentity(provider.issuer(), subject, username, null, null, List.of(groups));
    }

    private List<Map<String, Object>> audited(String entityType, String entityId) {
        return jdbc.sql("""
                        select actor, action, after::text as after from audit_log
                        where entity_type = ? and entity_id = ? order by id""").params(entityType, entityId).query().listOfRows();
    }

    private static String rowOf(String page, String username) {
        var row = Pattern.compile("<tr[^>]*>\\s*<td>" + Pattern.quote(username) + "</td>.*?</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as("a row for " + username).isTrue();
        return row.group();
    }

    /** A browser's part in the flow: keeps cookies (Retain's on localhost, the provider's on 127.0.0.1), follows redirects. */
    private final class Browser {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        HttpResponse<String> get(String path) {
            return send(request(URI.create("http://localhost:" + port + path)).GET());
        }

        /** Presses "Sign in with …", signs in at the provider, and returns where Retain sends the browser in the end. */
        HttpResponse<String> signInWithSso(String username) {
            var providerSignIn = send(request(URI.create("http://localhost:" + port + "/oauth2/authorization/oidc"))
                    .GET());
            assertThat(providerSignIn.uri().toString()).startsWith(provider.issuer() + "/login");
            var csrf = CSRF.matcher(providerSignIn.body());
            assertThat(csrf.find()).as("the provider's sign-in form").isTrue();
            String form = "username=" + encode(username) + "&password=" + encode(OidcProvider.PASSWORD) + "&_csrf="
                    + encode(csrf.group(1));
            return send(request(URI.create(provider.issuer() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private HttpRequest.Builder request(URI uri) {
            return HttpRequest.newBuilder(uri).header("Accept", "text/html").header("Accept-Language", "en");
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
