package dev.retain.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.customers.CustomerRequests;
import dev.retain.journeys.Journey;
import dev.retain.journeys.Journeys;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.UserAccounts.NewUser;
import dev.retain.platform.apikeys.ApiKeys;
import dev.retain.segments.AudienceDraft;
import dev.retain.segments.AudienceKind;
import dev.retain.segments.AudienceMode;
import dev.retain.segments.Audiences;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/** The customer page as a 360 view: sections, the timeline with its filters and paging, and the quick actions. */
@IntegrationTest
@Tag("browser")
class CustomerProfileBrowserTests {

    private static final String PASSWORD = "browser test password";

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts users;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Audiences audiences;

    @Autowired
    Journeys journeys;

    @Autowired
    ObjectMapper json;

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
    void aMarketerSeesTheWholeCustomerAndActsOnItFromTheTopOfThePage() {
        String token = Long.toString(System.nanoTime(), 36);
        ApiClient api = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        var person = CustomerRequests.aPerson("Lin Wen " + token);
        String email = "lin.wen." + token + "@example.com";
        person.put("email", email);
        long customer = api.post("/api/v1/customers", person).body().get("id").asLong();
        String phone = CustomerRequests.e164((String) person.get("phone"));
        api.postNdjson(
                "/api/v1/orders/bulk?source=shop",
                String.join(
                        "\n",
                        order("W-" + token + "-1", phone, "2026-05-03T11:00:00+08:00", "Breast pump", 1, "399.00"),
                        order("W-" + token + "-2", phone, "2026-06-10T20:30:00+08:00", "Storage bags", 3, "29.90"),
                        order("W-" + token + "-3", phone, "2026-07-21T09:15:00+08:00", "Nursing pads", 2, "45.00")));
        // 55 page views in January: with the orders and the rest, more than the 50 entries shown at first
        api.postNdjson(
                "/api/v1/events/bulk?source=app",
                IntStream.range(0, 55)
                        .mapToObj(i ->
                                "{\"email\":\"%s\",\"event_type\":\"page_view\",\"occurred_at\":\"%s\",\"page\":\"p%d\"}"
                                        .formatted(
                                                email,
                                                Instant.parse("2026-01-01T08:00:00Z")
                                                        .plusSeconds(3600L * i),
                                                i))
                        .collect(Collectors.joining("\n")));
        api.post("/api/v1/customers/" + customer + "/notes", Map.of("body", "Prefers WeChat, not calls " + token));
        api.post(
                "/api/v1/customers/" + customer + "/tasks",
                Map.of("title", "Send the catalogue " + token, "kind", "MESSAGE"));
        long vip = audiences
                .create(
                        AudienceKind.TAG,
                        new AudienceDraft("VIP " + token, null, AudienceMode.MANUAL, null, true, null))
                .id();
        audiences.tag(vip, List.of(customer), Map.of("by", "test"));
        audiences.create(
                AudienceKind.TAG, new AudienceDraft("Wholesale " + token, null, AudienceMode.MANUAL, null, true, null));
        Journey journey = journeys.create("Spring welcome " + token, null, json.readTree("""
                        {"trigger": {"type": "api"}, "entryLimit": {"rule": "once"}, "start": "pause",
                         "nodes": {"pause": {"type": "wait", "params": {"days": 3}, "next": "end"},
                                   "end": {"type": "exit"}}}"""), "test");
        journeys.setStatus(journey.id(), "ACTIVE");
        String username = "marketer-" + token;
        users.create(new NewUser(username, "Mia Marketer", null, PASSWORD, Set.of(Role.MARKETER)));

        BrowserSupport.signIn(page, port, username, PASSWORD);
        page.navigate("http://localhost:" + port + "/customers/" + customer);
        // htmx and the page's script are deferred: wait for them before clicking
        page.waitForLoadState();

        assertThat(page.locator("#customer-name")).hasText("Lin Wen " + token);
        assertThat(page.locator("#orders")).containsText("W-" + token + "-3");
        assertThat(page.locator("#segments")).containsText("VIP " + token);
        assertThat(page.locator("#tasks")).containsText("Send the catalogue " + token);
        assertThat(page.locator("#journeys")).not().containsText("Spring welcome " + token);
        // Other tests' rules may put the customer in more tags and segments: the entries of this test are looked for
        Locator entries = page.locator("#timeline-entries .timeline-entry");
        assertThat(entries).hasCount(50);
        assertThat(timelineEntry("tag")).containsText(new String[] {"Tagged VIP " + token});
        assertThat(timelineEntry("note")).containsText("Prefers WeChat, not calls " + token);
        assertThat(timelineEntry("task")).containsText("New task (Message): Send the catalogue " + token);
        assertThat(timelineEntry("order").first()).containsText("Order W-" + token + "-3 placed · CNY 90.00");
        assertThat(timelineEntry("order").first()).containsText("Nursing pads ×2");
        assertThat(timelineEntry("order").first()).containsText("2026-07-21 09:15");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("customer-360"))
                .setFullPage(true));

        page.locator("#timeline-more-button").click();
        assertThat(timelineEntry("event")).hasCount(55);
        assertThat(page.locator("#timeline-more")).hasCount(0);
        assertThat(entries.count()).isGreaterThanOrEqualTo(61);
        assertThat(entries.last()).containsText("Event: page_view");
        assertThat(entries.last()).containsText("page=p0");

        page.locator("#timeline-kinds a[data-kind=order]").click();
        assertThat(entries).hasCount(3);
        assertThat(page.locator("#timeline-entries .timeline-entry[data-kind=order]"))
                .hasCount(3);
        assertThat(page.locator("#timeline-kinds a[data-kind=order]")).hasAttribute("aria-current", "true");
        page.locator("#timeline-kinds a[data-kind='']").click();
        assertThat(entries).hasCount(50);

        page.locator("#quick-note").click();
        page.locator("#note-body").fill("Asked for the autumn price list " + token);
        page.locator("#note-form button[type=submit]").click();
        assertThat(page.locator("#note-dialog")).isHidden();
        assertThat(page.locator("#flash")).hasText("The note was saved.");
        assertThat(timelineEntry("note").first()).containsText("Note by " + username);
        assertThat(timelineEntry("note").first()).containsText("Asked for the autumn price list " + token);

        page.locator("#quick-tag").click();
        page.locator("#tag-id").selectOption(new SelectOption().setLabel("Wholesale " + token));
        page.locator("#tag-form button[type=submit]").click();
        assertThat(page.locator("#tag-dialog")).isHidden();
        assertThat(page.locator("#segments")).containsText("Wholesale " + token);
        assertThat(timelineEntry("tag").first()).containsText("Tagged Wholesale " + token);
        assertThat(page.locator("#flash")).hasText("The tag was added.");
        // the tag held now is no longer offered
        assertThat(page.locator("#tag-id option", new Page.LocatorOptions().setHasText("Wholesale " + token)))
                .hasCount(0);

        page.locator("#quick-task").click();
        page.locator("#task-kind").selectOption("VISIT");
        page.locator("#task-title").fill("Visit the Pudong store " + token);
        page.locator("#task-form button[type=submit]").click();
        assertThat(page.locator("#task-dialog")).isHidden();
        // due by default tomorrow at 10:00, company time
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        assertThat(page.locator("#tasks li", new Page.LocatorOptions().setHasText("Visit the Pudong store " + token)))
                .containsText("due " + tomorrow + " 10:00");
        assertThat(timelineEntry("task").first()).containsText("New task (Visit): Visit the Pudong store " + token);

        page.locator("#quick-follow-up").click();
        page.locator("#follow-up-kind").selectOption("VISIT");
        page.locator("#follow-up-content").fill("Visited the Pudong store " + token);
        page.locator("#follow-up-outcome").fill("Wants a quote");
        page.locator("#follow-up-form button[type=submit]").click();
        assertThat(page.locator("#follow-up-dialog")).isHidden();
        assertThat(page.locator("#flash")).hasText("Follow-up recorded.");
        assertThat(timelineEntry("followup").first()).containsText("Follow-up by " + username + " (Visit)");
        assertThat(timelineEntry("followup").first()).containsText("Visited the Pudong store " + token);

        page.locator("#quick-journey").click();
        page.locator("#journey-id").selectOption(new SelectOption().setLabel("Spring welcome " + token));
        page.locator("#journey-form button[type=submit]").click();
        assertThat(page.locator("#journey-dialog")).isHidden();
        Locator enrolment =
                page.locator("#journeys .enrolment", new Page.LocatorOptions().setHasText("Spring welcome " + token));
        assertThat(enrolment).hasCount(1);
        assertThat(enrolment).containsText("Spring welcome " + token);
        assertThat(enrolment).containsText("in progress");
        assertThat(enrolment).containsText("at pause");
        assertThat(timelineEntry("journey").first()).containsText("Entered journey Spring welcome " + token);

        // The entry limit lets a customer in once: a second enrolment is refused next to the form
        page.locator("#quick-journey").click();
        page.locator("#journey-id").selectOption(new SelectOption().setLabel("Spring welcome " + token));
        page.locator("#journey-form button[type=submit]").click();
        assertThat(page.locator("#journey-form .quick-action-error"))
                .hasText("Not enrolled: the journey's entry limit keeps this customer out.");
        assertThat(page.locator("#journey-dialog")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setPath(BrowserSupport.screenshot("customer-360-refused")));
        page.locator("#journey-dialog .btn-close").click();
        assertThat(page.locator("#journey-dialog")).isHidden();
        assertThat(enrolment).hasCount(1);

        // what the quick actions did is there after a reload too
        page.reload();
        assertThat(page.locator("#segments")).containsText("Wholesale " + token);
        assertThat(timelineEntry("note").first()).containsText("Asked for the autumn price list " + token);
        assertThat(enrolment).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(BrowserSupport.screenshot("customer-360-after-actions"))
                .setFullPage(true));
        assertThat(page.locator("#timeline-entries .timeline-entry[data-kind=note]")
                        .count())
                .isEqualTo(2);
    }

    private Locator timelineEntry(String kind) {
        return page.locator("#timeline-entries .timeline-entry[data-kind=" + kind + "]");
    }

    private static String order(
            String orderId, String phone, String orderedAt, String product, int quantity, String unitPrice) {
        return """
                {"order_id":"%s","phone":"%s","order_date":"%s","sku":"SKU-%s","product_name":"%s",\
                "category":"Baby","quantity":"%d","unit_price":"%s","currency":"CNY"}""".formatted(orderId, phone, orderedAt, product.replace(' ', '-'), product, quantity, unitPrice);
    }
}
