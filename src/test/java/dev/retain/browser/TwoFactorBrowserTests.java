package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.twofactor.AuthenticatorApp;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person switches two-factor sign-in on from the user menu — the QR code shows under the pages'
 * Content-Security-Policy — and then signs in with a code of the app.
 */
@IntegrationTest
@Tag("browser")
class TwoFactorBrowserTests {

    private static final String PASSWORD = "two factor browser password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    BrowserContext context;

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            BrowserSupport.close(context);
        }
    }

    @Test
    void aSalespersonSwitchesItOnWithTheQrCodeAndSignsInWithACode() {
        String username = "2fa-browser-" + Long.toHexString(System.nanoTime());
        users.create(new NewUser(username, "Wang Fang", null, PASSWORD, Set.of(Role.SALES)));
        context = BrowserSupport.newContext("en-US");
        Page page = context.newPage();
        BrowserSupport.signIn(page, port, username, PASSWORD);

        page.locator("#user-menu .dropdown-toggle").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Two-factor sign-in"))
                .click();
        var qr = page.locator("#qr-code");
        assertThat(qr).isVisible();
        Object qrWidth = qr.evaluate("image => image.naturalWidth");
        String secret = page.locator("#secret").innerText().replace(" ", "");
        BrowserSupport.saveDocScreenshot(page, "two-factor-enrolment");
        page.getByLabel("Code of the app").fill(AuthenticatorApp.codeNow(secret));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch on"))
                .click();

        assertThat(((Number) qrWidth).intValue()).as("the QR code is drawn").isPositive();
        assertThat(page.locator("#recovery-codes li")).hasCount(10);
        assertThat(page.locator("#two-factor-on")).isVisible();

        // Half a minute later, the app shows a new code
        jdbc.sql("update users set totp_last_step = totp_last_step - 2 where username = ?")
                .param(username)
                .update();
        BrowserSupport.close(context);
        context = BrowserSupport.newContext("en-US");
        page = context.newPage();
        BrowserSupport.signIn(page, port, username, PASSWORD);
        page.waitForURL("**/login/two-factor");
        page.getByLabel("Code of your authenticator app").fill(AuthenticatorApp.codeNow(secret));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();

        page.waitForURL("http://localhost:" + port + "/");
        assertThat(page.locator("#current-user")).hasText(username);
    }
}
