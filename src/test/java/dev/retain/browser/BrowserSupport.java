package dev.retain.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One Playwright and one Chromium per test run (the driver unpacks ~130 MB per start), driving Debian's Chromium —
 * never a downloaded browser.
 *
 * <p>Every context is watched for Content-Security-Policy violations (an inline script, an inline handler, a style
 * element, a resource from elsewhere) and {@link #close} fails the test that caused one, so a page that would break
 * under the policy is caught even when the test does not look at what broke.
 */
final class BrowserSupport {

    static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("RETAIN_CHROMIUM", "/usr/bin/chromium"));

    private static final String VIOLATION = "Content Security Policy";

    /** Runs before the page's own scripts, outside the page's policy, in every frame that may run script. */
    private static final String REPORT_VIOLATIONS = "document.addEventListener('securitypolicyviolation', e =>"
            + " console.error('" + VIOLATION + " violation: ' + e.effectiveDirective + ' refused '"
            + " + (e.blockedURI || 'inline') + ' in ' + e.documentURI));";

    private static final Map<BrowserContext, List<String>> VIOLATIONS = new ConcurrentHashMap<>();

    private static Browser browser;

    private BrowserSupport() {}

    /** A fresh browser context in the language given, at a desktop size, that accepts downloads. */
    static BrowserContext newContext(String locale) {
        return newContext(new Browser.NewContextOptions()
                .setLocale(locale)
                .setViewportSize(1400, 900)
                .setAcceptDownloads(true));
    }

    /** A fresh browser context with the options given, watched for Content-Security-Policy violations. */
    static BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext context = browser().newContext(options);
        List<String> violations = new CopyOnWriteArrayList<>();
        context.addInitScript(REPORT_VIOLATIONS);
        context.onConsoleMessage(message -> {
            if (message.text().contains(VIOLATION) && !isAnEmailsImage(message)) {
                violations.add(message.location() + " " + message.text());
            }
        });
        VIOLATIONS.put(context, violations);
        return context;
    }

    /**
     * The outbox shows emails in sandboxed {@code srcdoc} frames that load no image on purpose (an open pixel fetched
     * while someone reads the outbox would count as the customer opening the email): those refusals are expected.
     */
    private static boolean isAnEmailsImage(ConsoleMessage message) {
        return message.location().startsWith("about:srcdoc") && message.text().startsWith("Loading the image");
    }

    /** Closes the context; fails when one of its pages logged a Content-Security-Policy violation. */
    static void close(BrowserContext context) {
        context.close();
        List<String> violations = VIOLATIONS.remove(context);
        if (violations != null && !violations.isEmpty()) {
            throw new AssertionError("The pages broke the Content-Security-Policy:\n" + String.join("\n", violations));
        }
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
