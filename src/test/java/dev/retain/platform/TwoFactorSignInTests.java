package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.platform.twofactor.AuthenticatorApp;
import dev.retain.platform.twofactor.TwoFactor;
import dev.retain.platform.twofactor.TwoFactorPolicy;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two-factor sign-in through the real pages: enrolment on the account page, the second step after the password, a
 * code accepted once, recovery codes, roles that require it, throttling, an admin's reset.
 */
@IntegrationTest
class TwoFactorSignInTests {

    private static final String PASSWORD = "two factor test password";
    private static final Pattern RECOVERY_CODE = Pattern.compile("<code>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})</code>");

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    TwoFactor twoFactor;

    @Autowired
    TwoFactorPolicy policy;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void requireItOfNobodyAndForgetTheTestClientsFailures() {
        policy.require(Set.of());
        jdbc.sql("delete from sign_in_throttle where scope = 'ADDRESS'").update();
    }

    @Test
    void aUserEnrolsWithTheQrCodeAndThenSignsInInTwoSteps() {
        String username = aUserWith(Role.SALES);
        var session = signedIn(username);

        String page = session.get("/account/two-factor").body();
        String secret = page.replaceAll("(?s).*<code id=\"secret\"[^>]*>([A-Z2-7 ]+)</code>.*", "$1")
                .replace(" ", "");
        var wrong = session.post("/account/two-factor", "/account/two-factor", Map.of("code", "000000"));
        var enabled = session.post(
                "/account/two-factor", "/account/two-factor", Map.of("code", AuthenticatorApp.codeNow(secret)));
        String shownOnce = session.get("/account/two-factor").body();
        String later = session.get("/account/two-factor").body();

        assertThat(page).contains("src=\"data:image/svg+xml;base64,").contains("id=\"enrol\"");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("This is not the app&#39;s current code");
        assertThat(enabled.statusCode()).isEqualTo(302);
        assertThat(recoveryCodes(shownOnce)).hasSize(10);
        assertThat(later).doesNotContain("id=\"recovery-codes\"").doesNotContain(secret.substring(0, 8));
        assertThat(later).contains("id=\"two-factor-on\"").contains("Recovery codes left: 10");
        assertThat(users.findByUsername(username).orElseThrow().twoFactor()).isTrue();

        aStepLater(username);
        var next = new WebSession(port);
        String passwordStep = location(next.signIn(username, PASSWORD));
        var inBetween = next.get("/customers");
        var secondStep =
                next.post("/login/two-factor", "/login/two-factor", Map.of("code", AuthenticatorApp.codeNow(secret)));

        assertThat(passwordStep).endsWith("/login/two-factor");
        assertThat(location(inBetween)).as("nothing opens between the steps").endsWith("/login");
        assertThat(location(secondStep)).doesNotContain("/login");
        assertThat(next.get("/customers").statusCode()).isEqualTo(200);
        assertThat(signInAudit(username, "sign-in-password-accepted")).isEqualTo(1);
        assertThat(signInAudit(username, "sign-in")).isEqualTo(2);
        assertThat(auditCount(username, "enable-two-factor")).isEqualTo(1);
    }

    @Test
    void theSecondStepOpensOnlyAfterThePassword() {
        var nobody = new WebSession(port);

        var form = nobody.get("/login/two-factor");
        var post = nobody.post("/login/two-factor", "/login", Map.of("code", "123456"));

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"no-pending-step\"").doesNotContain("id=\"second-step\"");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("id=\"no-pending-step\"");
        assertThat(location(nobody.get("/customers"))).endsWith("/login");
    }

    @Test
    void aCodeIsAcceptedOnceAndNotReplayed() {
        String username = aUserWith(Role.SALES);
        String secret = enrolled(username).secret();
        String code = AuthenticatorApp.codeNow(secret);

        var first = new WebSession(port);
        first.signIn(username, PASSWORD);
        var accepted = first.post("/login/two-factor", "/login/two-factor", Map.of("code", code));
        var second = new WebSession(port);
        second.signIn(username, PASSWORD);
        var replayed = second.post("/login/two-factor", "/login/two-factor", Map.of("code", code));

        assertThat(location(accepted)).doesNotContain("/login");
        assertThat(location(replayed)).endsWith("/login/two-factor?reused");
        assertThat(second.get("/login/two-factor?reused").body()).contains("This code was used already");
        assertThat(location(second.get("/customers"))).endsWith("/login");
    }

    @Test
    void aRecoveryCodeSignsInOnceInPlaceOfACode() {
        String username = aUserWith(Role.MARKETER);
        List<String> codes = enrolled(username).codes();

        var first = new WebSession(port);
        first.signIn(username, PASSWORD);
        var accepted = first.post(
                "/login/two-factor",
                "/login/two-factor",
                Map.of("code", codes.get(3).toUpperCase().replace("-", " ")));
        var second = new WebSession(port);
        second.signIn(username, PASSWORD);
        var again = second.post("/login/two-factor", "/login/two-factor", Map.of("code", codes.get(3)));

        assertThat(location(accepted)).doesNotContain("/login");
        assertThat(location(again)).endsWith("/login/two-factor?error");
        assertThat(twoFactor.recoveryCodesLeft(username)).isEqualTo(9);
        assertThat(jdbc.sql("""
                        select count(*) from audit_log where entity_type = 'sign_in' and entity_id = ?
                        and action = 'sign-in' and after ->> 'factor' = 'RECOVERY_CODE'""").param(username).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRoleThatRequiresItMakesItsUsersEnrolRightAfterThePassword() {
        String username = aUserWith(Role.ANALYST);
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);

        var required = admin.put("/api/v1/two-factor/required-roles", Map.of("roles", List.of("ANALYST")));
        var monitoring = admin.put("/api/v1/two-factor/required-roles", Map.of("roles", List.of("MONITORING")));
        var session = signedIn(username);
        var elsewhere = session.get("/customers");
        String page = session.get("/account/two-factor").body();
        String secret = page.replaceAll("(?s).*<code id=\"secret\"[^>]*>([A-Z2-7 ]+)</code>.*", "$1")
                .replace(" ", "");
        session.post("/account/two-factor", "/account/two-factor", Map.of("code", AuthenticatorApp.codeNow(secret)));

        assertThat(required.status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/two-factor/required-roles")
                        .body()
                        .get("roles")
                        .get(0)
                        .asString())
                .isEqualTo("ANALYST");
        assertThat(monitoring.status()).isEqualTo(400);
        assertThat(location(elsewhere)).endsWith("/account/two-factor");
        assertThat(page).contains("id=\"must-enrol\"");
        assertThat(session.get("/customers").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'two_factor_policy'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void theSecondStepIsThrottledAndItsFailuresOutliveTheRightPassword() {
        String username = aUserWith(Role.SERVICE);
        enrolled(username);
        var session = new WebSession(port);
        session.signIn(username, PASSWORD);

        for (int i = 0; i < 5; i++) {
            var wrong = session.post("/login/two-factor", "/login/two-factor", Map.of("code", "00000" + i));
            assertThat(location(wrong)).endsWith("/login/two-factor?error");
        }
        var sixth = session.post("/login/two-factor", "/login/two-factor", Map.of("code", "123456"));
        String passwordAgain = location(new WebSession(port).signIn(username, PASSWORD));

        assertThat(location(sixth)).contains("/login/two-factor?wait=");
        assertThat(passwordAgain)
                .as("a right password does not wipe out failed codes")
                .contains("/login?wait=");
        assertThat(jdbc.sql("""
                        select count(*) from audit_log where entity_type = 'sign_in' and entity_id = ?
                        and action = 'sign-in-failed' and after ->> 'step' = 'two-factor'""").param(username).query(Long.class).single()).isEqualTo(5);
        assertThat(signInAudit(username, "sign-in-throttled")).isEqualTo(2);
    }

    @Test
    void anAdminResetsAUsersTwoFactorOnThePageAndThroughTheApi() {
        String username = aUserWith(Role.SALES);
        long id = users.findByUsername(username).orElseThrow().id();
        enrolled(username);
        var admin = signedIn(aUserWith(Role.ADMIN));

        String usersPage = admin.get("/admin/users").body();
        var reset = admin.post("/admin/users/" + id + "/two-factor-reset", "/admin/users", Map.of());
        String passwordOnly = location(new WebSession(port).signIn(username, PASSWORD));
        enrolled(username);
        var api = ApiClient.withRoles(port, apiKeys, Role.ADMIN).delete("/api/v1/users/" + id + "/two-factor");

        assertThat(usersPage).contains("/admin/users/" + id + "/two-factor-reset");
        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(passwordOnly).doesNotContain("/login");
        assertThat(api.status()).isEqualTo(204);
        assertThat(users.find(id).twoFactor()).isFalse();
        assertThat(auditCount(username, "reset-two-factor")).isEqualTo(2);
    }

    @Test
    void switchingOffAndNewRecoveryCodesNeedACodeOrThePassword() {
        String username = aUserWith(Role.MANAGER);
        enrolled(username);
        aStepLater(username);
        var session = new WebSession(port);
        session.signIn(username, PASSWORD);
        session.post("/login/two-factor", "/login/two-factor", Map.of("code", twoFactorCodeOf(username)));

        var wrong = session.post("/account/two-factor/off", "/account/two-factor", Map.of("proof", "not my password"));
        var codes =
                session.post("/account/two-factor/recovery-codes", "/account/two-factor", Map.of("proof", PASSWORD));
        String newCodes = session.get("/account/two-factor").body();
        var off = session.post("/account/two-factor/off", "/account/two-factor", Map.of("proof", PASSWORD));

        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("neither a current code of the app nor your password");
        assertThat(codes.statusCode()).isEqualTo(302);
        assertThat(recoveryCodes(newCodes)).hasSize(10);
        assertThat(off.statusCode()).isEqualTo(302);
        assertThat(twoFactor.enabledFor(username)).isFalse();
        assertThat(auditCount(username, "regenerate-recovery-codes")).isEqualTo(1);
        assertThat(auditCount(username, "disable-two-factor")).isEqualTo(1);
    }

    @Test
    void theOwnPasswordApiChangesThePasswordAndSignsNobodyIn() {
        String username = aUserWith(Role.SALES);
        enrolled(username);

        var changed = ApiClient.withToken(port, null)
                .post(
                        "/api/v1/account/password",
                        Map.of("username", username, "currentPassword", PASSWORD, "newPassword", "a new api secret"));
        String passwordStep = location(new WebSession(port).signIn(username, "a new api secret"));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(passwordStep).endsWith("/login/two-factor");
    }

    /** Enrolled through the service, as the page does: the secret and the recovery codes. */
    private record Enrolled(String secret, List<String> codes) {}

    private final Map<String, String> secrets = new java.util.HashMap<>();

    private Enrolled enrolled(String username) {
        String secret = twoFactor.newEnrolment(username).secret();
        List<String> codes = twoFactor.enable(username, secret, AuthenticatorApp.codeNow(secret));
        secrets.put(username, secret);
        aStepLater(username);
        return new Enrolled(secret, codes);
    }

    private String twoFactorCodeOf(String username) {
        return AuthenticatorApp.codeNow(secrets.get(username));
    }

    /**
     * Half a minute passes for the account: the code accepted last belongs to a step before the current one, so the
     * app's current code is a new one (rather than waiting for it).
     */
    private void aStepLater(String username) {
        jdbc.sql("update users set totp_last_step = totp_last_step - 2 where username = ?")
                .param(username)
                .update();
    }

    private static List<String> recoveryCodes(String page) {
        return RECOVERY_CODE
                .matcher(page)
                .results()
                .map(match -> match.group(1))
                .toList();
    }

    private long signInAudit(String username, String action) {
        return jdbc.sql("select count(*) from audit_log where entity_type = 'sign_in' and entity_id = ? and action = ?")
                .params(username, action)
                .query(Long.class)
                .single();
    }

    private long auditCount(String username, String action) {
        long id = users.findByUsername(username).orElseThrow().id();
        return jdbc.sql("select count(*) from audit_log where entity_type = 'user' and entity_id = ? and action = ?")
                .params(Long.toString(id), action)
                .query(Long.class)
                .single();
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }

    private WebSession signedIn(String username) {
        var session = new WebSession(port);
        assertThat(location(session.signIn(username, PASSWORD))).doesNotContain("/login");
        return session;
    }

    private String aUserWith(Role role) {
        String username = "2fa-" + role.name().toLowerCase() + "-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Test " + role, null, PASSWORD, Set.of(role)));
        return username;
    }
}
