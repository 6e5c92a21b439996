package dev.retain.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * One Playwright and one Chromium per test run (the driver unpacks ~130 MB per start), driving Debian's Chromium —
 * never a downloaded browser.
 */
final class BrowserSupport {

    static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("RETAIN_CHROMIUM", "/usr/bin/chromium"));

    private static Browser browser;

    private BrowserSupport() {}

    /** A fresh browser context in the language given, at a desktop size, that accepts downloads. */
    static BrowserContext newContext(String locale) {
        return browser()
                .newContext(new Browser.NewContextOptions()
                        .setLocale(locale)
                        .setViewportSize(1400, 900)
                        .setAcceptDownloads(true));
    }

    static synchronized Browser browser() {
        if (browser == null) {
            if (!Files.isExecutable(CHROMIUM)) {
                throw new IllegalStateException(
                        CHROMIUM + " is missing: install Debian's chromium (apt-get install chromium)");
            }
            Playwright playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(CHROMIUM)
                            .setHeadless(true)
                            .setArgs(List.of(
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-dev-shm-usage",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync",
                                    "--no-first-run",
                                    "--disable-quic")));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
        }
        return browser;
    }

    /** Signs in through the English login form, as a user would. */
    static void signIn(Page page, int port, String username, String password) {
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
    }

    static Path screenshot(String name) {
        return Paths.get("target", "screenshots", name + ".png");
    }

    /**
     * Saves what the page shows in its window as {@code docs/images/<name>.png} (relative to the project root, where
     * the tests run), the picture the documentation embeds, so the documentation shows the pages as they are.
     */
    static void saveDocScreenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("docs", "images", name + ".png")));
    }
}
