package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Passwords, throttled sign-in and ended sessions, through the real sign-in form and API. */
@IntegrationTest
class AccountSecurityTests {

    private static final String PASSWORD = "account test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetTheTestClientsFailures() {
        // Every test signs in from this machine: its failures must not slow down other tests' sign-ins.
        jdbc.sql("delete from sign_in_throttle where scope = 'ADDRESS'").update();
    }

    @Test
    void theFirstAdminCreatedOnAnEmptyDatabaseMustChooseTheirOwnPassword() {
        assertThat(users.findByUsername("admin"))
                .hasValueSatisfying(
                        admin -> assertThat(admin.mustChangePassword()).isTrue());
    }

    @Test
    void aUserChangesTheirPasswordConfirmingTheCurrentOne() {
        String username = aUserWith(Role.SALES);
        var session = signedIn(username, PASSWORD);

        var wrongCurrent = changePassword(session, "not my password", "a brand new secret", "a brand new secret");
        var common = changePassword(session, PASSWORD, "Password123", "Password123");
        var changed = changePassword(session, PASSWORD, "a brand new secret", "a brand new secret");

        assertThat(wrongCurrent.statusCode()).isEqualTo(200);
        assertThat(wrongCurrent.body()).contains("This is not your current password.");
        assertThat(common.body()).contains("This is one of the most common passwords");
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(session.get("/customers").statusCode())
                .as("the session that changed it goes on")
                .isEqualTo(200);
        assertThat(signInLocation(username, PASSWORD)).endsWith("/login?error");
        assertThat(signInLocation(username, "a brand new secret")).doesNotContain("/login");
    }

    @Test
    void theChangePasswordPageIsInTheUserMenuAndSpeaksChinese() {
        var session = signedIn(aUserWith(Role.ANALYST), PASSWORD);

        assertThat(session.get("/").body()).contains("/account/password");
        assertThat(session.get("/account/password?lang=zh-CN").body()).contains("修改密码");
    }

    @Test
    void anAdminsResetForcesAChangeAtTheNextSignIn() {
        String username = aUserWith(Role.MARKETER);
        var before = signedIn(username, PASSWORD);
        var admin = signedIn(aUserWith(Role.ADMIN), PASSWORD);
        long id = users.findByUsername(username).orElseThrow().id();

        var reset = admin.post("/admin/users/" + id + "/password-reset", "/admin/users", Map.of());
        String page = admin.get("/admin/users").body();
        String temporary = page.replaceAll("(?s).*id=\"temporary-password\".*?<code>([^<]+)</code>.*", "$1");
        var user = signedIn(username, temporary);

        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(10).doesNotContain("<");
        assertThat(before.get("/customers").headers().firstValue("Location"))
                .as("the reset ended the sessions signed in before")
                .hasValueSatisfying(l -> assertThat(l).contains("/login"));
        assertThat(user.get("/customers").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/account/password"));
        assertThat(user.get("/account/password").body()).contains("id=\"must-change\"");
        changePassword(user, temporary, "my own new secret", "my own new secret");
        assertThat(user.get("/customers").statusCode()).isEqualTo(200);
        assertThat(users.find(id).mustChangePassword()).isFalse();
    }

    @Test
    void disablingAUserEndsTheirSession() {
        String username = aUserWith(Role.SERVICE);
        var session = signedIn(username, PASSWORD);
        assertThat(session.get("/customers").statusCode()).isEqualTo(200);

        users.setEnabled(users.findByUsername(username).orElseThrow().id(), false);

        var next = session.get("/customers");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/login"));
        assertThat(session.get("/customers").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void fiveWrongPasswordsMakeTheNextAttemptWaitAndEveryAttemptIsAudited() {
        String username = aUserWith(Role.SALES);
        for (int i = 0; i < 5; i++) {
            assertThat(signInLocation(username, "wrong password " + i)).endsWith("/login?error");
        }

        String sixth = signInLocation(username, PASSWORD);
        var page = new WebSession(port).get(sixth.substring(sixth.indexOf("/login")));

        assertThat(sixth).contains("/login?wait=");
        assertThat(page.body()).containsPattern("Too many attempts: try again in \\d+ seconds.");
        assertThat(auditCount(username, "sign-in-failed")).isEqualTo(5);
        assertThat(auditCount(username, "sign-in-throttled")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where entity_type = 'sign_in' and after::text like ?")
                        .param("%wrong password%")
                        .query(Long.class)
                        .single())
                .as("never a password")
                .isZero();
    }

    @Test
    void aLockedAccountWaitsForAnAdminAndUnknownUsernamesLookTheSame() {
        String username = aUserWith(Role.SALES);
        lockOut(username);
        lockOut("nobody-" + Long.toHexString(System.nanoTime()));

        String locked = signInLocation(username, PASSWORD);
        var admin = signedIn(aUserWith(Role.ADMIN), PASSWORD);
        String usersPage = admin.get("/admin/users").body();
        long id = users.findByUsername(username).orElseThrow().id();
        admin.post("/admin/users/" + id + "/unlock", "/admin/users", Map.of());

        assertThat(locked).endsWith("/login?locked");
        assertThat(new WebSession(port).get("/login?locked").body()).contains("ask an admin");
        assertThat(usersPage).contains("/admin/users/" + id + "/unlock");
        assertThat(signInLocation(username, PASSWORD)).doesNotContain("/login");
        assertThat(auditCount(username, "sign-in-locked")).isEqualTo(1);
        assertThat(auditCount(username, "sign-in")).isEqualTo(1);
    }

    @Test
    void aUserChangesTheirOwnPasswordThroughTheApi() {
        String username = aUserWith(Role.SALES);
        var anonymous = ApiClient.withToken(port, null);

        var wrong = anonymous.post(
                "/api/v1/account/password",
                Map.of("username", username, "currentPassword", "nope nope nope", "newPassword", "api new secret"));
        var unknown = anonymous.post(
                "/api/v1/account/password",
                Map.of("username", "ghost-x", "currentPassword", "nope nope nope", "newPassword", "api new secret"));
        var weak = anonymous.post(
                "/api/v1/account/password",
                Map.of("username", username, "currentPassword", PASSWORD, "newPassword", username));
        var changed = anonymous.post(
                "/api/v1/account/password",
                Map.of("username", username, "currentPassword", PASSWORD, "newPassword", "api new secret"));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().get("detail")).isEqualTo(wrong.body().get("detail"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(weak.body().get("errors").get(0).get("message").asString()).contains("username");
        assertThat(changed.status()).isEqualTo(204);
        assertThat(signInLocation(username, "api new secret")).doesNotContain("/login");
    }

    @Test
    void anAdminResetsAndUnlocksThroughTheApi() {
        String username = aUserWith(Role.SALES);
        long id = users.findByUsername(username).orElseThrow().id();
        lockOut(username);
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);

        var unlocked = admin.delete("/api/v1/users/" + id + "/lock");
        var reset = admin.post("/api/v1/users/" + id + "/password-reset", Map.of());
        var common = admin.post(
                "/api/v1/users",
                Map.of(
                        "username",
                        username + "-2",
                        "displayName",
                        "X",
                        "password",
                        "1q2w3e4r5t",
                        "roles",
                        List.of("SALES")));

        assertThat(unlocked.status()).isEqualTo(204);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(users.find(id).mustChangePassword()).isTrue();
        assertThat(signInLocation(
                        username, reset.body().get("temporaryPassword").asString()))
                .doesNotContain("/login");
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.body().get("errors").get(0).get("message").asString()).contains("most common passwords");
    }

    @Test
    void creatingAUserRefusesAWeakPasswordWithTheReason() {
        assertThatThrownBy(() -> users.create(
                        new NewUser("weak-" + System.nanoTime(), "Weak", null, "qwertyuiop", Set.of(Role.SALES))))
                .isInstanceOfSatisfying(
                        WeakPasswordException.class, e -> assertThat(e.rule()).isEqualTo(PasswordRule.NOT_COMMON));
    }

    private void lockOut(String username) {
        jdbc.sql("""
                        insert into sign_in_throttle (scope, key, failures, last_attempt_at, locked_at)
                        values ('ACCOUNT', ?, 10, now(), now())""").param(username.toLowerCase()).update();
    }

    private long auditCount(String username, String action) {
        return jdbc.sql("select count(*) from audit_log where entity_type = 'sign_in' and entity_id = ? and action = ?")
                .params(username, action)
                .query(Long.class)
                .single();
    }

    private HttpResponse<String> changePassword(WebSession session, String current, String next, String confirm) {
        return session.post(
                "/account/password",
                "/account/password",
                Map.of("currentPassword", current, "newPassword", next, "confirmPassword", confirm));
    }

    private String signInLocation(String username, String password) {
        return new WebSession(port)
                .signIn(username, password)
                .headers()
                .firstValue("Location")
                .orElseThrow();
    }

    private WebSession signedIn(String username, String password) {
        var session = new WebSession(port);
        assertThat(session.signIn(username, password).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("/login"));
        return session;
    }

    private String aUserWith(Role role) {
        String username = role.name().toLowerCase() + "-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Test " + role, null, PASSWORD, Set.of(role)));
        return username;
    }
}
