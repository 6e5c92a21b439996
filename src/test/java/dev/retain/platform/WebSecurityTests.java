package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.platform.UserAccounts.NewUser;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class WebSecurityTests {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Test
    void pagesRedirectToSignInWhenSignedOut() {
        var response = new WebSession(port).get("/customers");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void theSignInPageIsOpenAndNeedsCsrf() {
        var session = new WebSession(port);

        assertThat(session.get("/login").statusCode()).isEqualTo(200);
        assertThat(session.get("/login").body()).contains("name=\"_csrf\"");
    }

    @Test
    void aSalesUserSeesCustomersButNotUserManagement() {
        var session = new WebSession(port);
        String username = aUserWith(Role.SALES);

        assertThat(session.signIn(username, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(session.get("/customers").statusCode()).isEqualTo(200);
        assertThat(session.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(session.get("/").body()).doesNotContain("/admin/users");
    }

    @Test
    void anAdminManagesUsers() {
        var session = new WebSession(port);
        session.signIn(aUserWith(Role.ADMIN), PASSWORD);

        var page = session.get("/admin/users");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/admin/users");
        assertThat(session.get("/").body()).contains("/customers/duplicates").contains("/imports");
    }

    @Test
    void aDisabledUserCannotSignIn() {
        String username = aUserWith(Role.MARKETER);
        users.setEnabled(users.findByUsername(username).orElseThrow().id(), false);

        var response = new WebSession(port).signIn(username, PASSWORD);

        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    @Test
    void aWrongPasswordIsRefused() {
        var response = new WebSession(port).signIn(aUserWith(Role.ADMIN), "wrong password!");

        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
    }

    private String aUserWith(Role role) {
        String username = role.name().toLowerCase() + "-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Test " + role, null, PASSWORD, Set.of(role)));
        return username;
    }
}
