package dev.retain.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerMerge;
import dev.retain.customers.CustomerMerges;
import dev.retain.customers.Customers;
import dev.retain.ingest.ImportJob;
import dev.retain.ingest.ImportJobs;
import dev.retain.ingest.ImportJobs.ImportRequest;
import dev.retain.ingest.ImportKind;
import dev.retain.ingest.ImportOptions;
import dev.retain.ingest.ImportStatus;
import dev.retain.ingest.MappingText;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A suppression the customer chose (an unsubscribe) is lifted only by an admin who says why, survives a re-import of
 * the same person, and holds for the survivor of a merge; entries staff or bounces made are lifted as before.
 */
@MessagingTest
class CustomerChosenSuppressionTests {

    private static final String PASSWORD = "suppression test password";

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    Customers customers;

    @Autowired
    Templates templates;

    @Autowired
    Suppressions suppressions;

    @Autowired
    CustomerMerges merges;

    @Autowired
    ImportJobs imports;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    MessagingFixtures fixtures;
    ApiClient admin;
    ApiClient marketer;
    ApiClient service;

    @BeforeEach
    void keys() {
        fixtures = new MessagingFixtures(customers, templates);
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER, Role.MANAGER);
        service = ApiClient.withRoles(port, apiKeys, Role.SERVICE);
    }

    @Test
    void onlyAnAdminLiftsAnUnsubscribeAndTheReasonIsAudited() {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("钱多多");
        suppressions.add(customer.id(), Channel.EMAIL, SuppressionReason.UNSUBSCRIBED, "delivery 1");
        String path = "/api/v1/suppressions/" + customer.id() + "/EMAIL";

        for (ApiClient staff : new ApiClient[] {marketer, service}) {
            var refused = staff.delete(path + "?reason=asked");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("detail").asString())
                    .isEqualTo("Only an admin may lift a suppression the customer chose (UNSUBSCRIBED), and must say"
                            + " why.");
        }
        var noReason = admin.delete(path);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        assertThat(admin.delete(path + "?reason=" + URLEncoder.encode("   ", StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(400);
        assertThat(suppressions.matching(customer.id(), Channel.EMAIL)).isPresent();

        String why = "subscribed again at the counter, form 2026-117";
        assertThat(admin.delete(path + "?reason=" + URLEncoder.encode(why, StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(204);

        assertThat(suppressions.matching(customer.id(), Channel.EMAIL)).isEmpty();
        assertThat(jdbc.sql("""
                        select after ->> 'reason' from audit_log
                        where action = 'lift' and entity_type = 'suppression' and entity_id = ?""")
                        .param(customer.id() + ":EMAIL")
                        .query(String.class)
                        .single())
                .isEqualTo(why);
    }

    @Test
    void entriesMadeByStaffOrABounceAreLiftedByWhoeverKeepsTheList() {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("孙小美");
        suppressions.add(customer.id(), Channel.SMS, SuppressionReason.MANUAL, "complained on the phone");
        suppressions.add(customer.id(), Channel.EMAIL, SuppressionReason.BOUNCED, null);

        assertThat(service.delete("/api/v1/suppressions/" + customer.id() + "/SMS")
                        .status())
                .isEqualTo(204);
        assertThat(marketer.delete("/api/v1/suppressions/" + customer.id() + "/EMAIL")
                        .status())
                .isEqualTo(204);
        assertThat(suppressions.of(customer.id())).isEmpty();
    }

    @Test
    void anUnsubscribeTakesOverAStaffEntryForTheSameChannelAndStaffCannotWeakenIt() {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("阿土伯");
        suppressions.add(customer.id(), Channel.EMAIL, SuppressionReason.MANUAL, "paused for a week");

        suppressions.add(customer.id(), Channel.EMAIL, SuppressionReason.UNSUBSCRIBED, "delivery 7");
        var again = service.post(
                "/api/v1/suppressions", Map.of("customerId", customer.id(), "channel", "EMAIL", "note", "by hand"));

        assertThat(again.body().get("reason").asString()).isEqualTo("UNSUBSCRIBED");
        assertThat(marketer.delete("/api/v1/suppressions/" + customer.id() + "/EMAIL")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void reimportingTheSamePersonLeavesThemUnsubscribed() {
        String id = MessagingFixtures.unique("crm");
        String file = """
                客户编号,姓名,邮箱
                %s,欧阳明,ouyang.%s@customers.example.com
                """.formatted(id, id);
        assertThat(importCustomers(file).status()).isEqualTo(ImportStatus.SUCCEEDED);
        long customerId = customerWithId(id);
        suppressions.add(customerId, null, SuppressionReason.UNSUBSCRIBED, "delivery 9");

        assertThat(importCustomers(file).status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(importCustomers(file.replace("欧阳明", "欧阳明明")).status()).isEqualTo(ImportStatus.SUCCEEDED);

        assertThat(customerWithId(id)).isEqualTo(customerId);
        assertThat(customers.find(customerId).name()).isEqualTo("欧阳明明");
        assertThat(suppressions.matching(customerId, Channel.EMAIL))
                .map(Suppression::reason)
                .contains(SuppressionReason.UNSUBSCRIBED);
    }

    @Test
    void aMergeCarriesTheUnsubscribeToTheSurvivorAndUndoingItTakesTheCopyBack() {
        Customer unsubscribed = fixtures.aCustomerWithEmailAndPhone("周芷若");
        Customer duplicate = fixtures.aCustomerWithEmailAndPhone("周芷若");
        suppressions.add(unsubscribed.id(), Channel.EMAIL, SuppressionReason.UNSUBSCRIBED, "delivery 3");
        suppressions.add(unsubscribed.id(), Channel.SMS, SuppressionReason.BOUNCED, null);
        suppressions.add(duplicate.id(), Channel.EMAIL, SuppressionReason.MANUAL, "paused");

        CustomerMerge merge = merges.merge(duplicate.id(), unsubscribed.id());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> reasonOf(duplicate.id(), Channel.SMS).isPresent());
        assertThat(reasonOf(duplicate.id(), Channel.EMAIL)).contains(SuppressionReason.UNSUBSCRIBED);
        assertThat(marketer.delete("/api/v1/suppressions/" + duplicate.id() + "/EMAIL")
                        .status())
                .isEqualTo(403);

        merges.unmerge(merge.id());

        await().atMost(Duration.ofSeconds(20))
                .until(() -> reasonOf(duplicate.id(), Channel.SMS).isEmpty());
        assertThat(reasonOf(duplicate.id(), Channel.EMAIL))
                .as("the unsubscribe that replaced the survivor's own entry stays")
                .contains(SuppressionReason.UNSUBSCRIBED);
        assertThat(reasonOf(unsubscribed.id(), Channel.EMAIL)).contains(SuppressionReason.UNSUBSCRIBED);
        assertThat(reasonOf(unsubscribed.id(), Channel.SMS)).contains(SuppressionReason.BOUNCED);
    }

    @Test
    void onThePageOnlyAnAdminIsOfferedToLiftAnUnsubscribeAndMustSayWhy() {
        Customer customer = fixtures.aCustomerWithEmailAndPhone("林平之");
        suppressions.add(customer.id(), null, SuppressionReason.UNSUBSCRIBED, "delivery 5");
        String lift = "/messages/suppressions/" + customer.id() + "/ALL/remove";
        WebSession marketerPage = signedIn(Role.MARKETER);
        WebSession adminPage = signedIn(Role.ADMIN);

        String list = marketerPage.get("/messages/suppressions").body();
        assertThat(list).doesNotContain("action=\"" + lift + "\"");
        assertThat(list).contains("The customer chose this; only an admin lifts it.");
        assertThat(adminPage.get("/messages/suppressions").body()).contains("action=\"" + lift + "\"");

        var refused = marketerPage.post(lift, "/messages/suppressions", Map.of("reason", "asked"));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(marketerPage.get("/messages/suppressions").body())
                .contains("Only an admin may lift a suppression the customer chose.");
        adminPage.post(lift, "/messages/suppressions", Map.of("reason", ""));
        assertThat(adminPage.get("/messages/suppressions").body())
                .contains("Say why a suppression the customer chose is lifted");
        assertThat(suppressions.matching(customer.id(), Channel.EMAIL)).isPresent();

        adminPage.post(lift, "/messages/suppressions", Map.of("reason", "opted in again in writing"));
        assertThat(suppressions.matching(customer.id(), Channel.EMAIL)).isEmpty();
    }

    private WebSession signedIn(Role role) {
        String username = MessagingFixtures.unique("lift-" + role.name().toLowerCase(java.util.Locale.ROOT));
        users.create(new UserAccounts.NewUser(username, username, null, PASSWORD, Set.of(role)));
        WebSession session = new WebSession(port);
        session.signIn(username, PASSWORD);
        return session;
    }

    private Optional<SuppressionReason> reasonOf(long customerId, Channel channel) {
        return suppressions.of(customerId).stream()
                .filter(s -> s.channel() == channel)
                .map(Suppression::reason)
                .findFirst();
    }

    private ImportJob importCustomers(String csv) {
        ImportJob job = imports.submit(
                new ImportRequest(
                        ImportKind.CUSTOMERS,
                        "crm",
                        "customers.csv",
                        MappingText.parse("customer_id=客户编号,name=姓名,email=邮箱"),
                        ImportOptions.defaults()),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        return imports.runNow(job.id());
    }

    private long customerWithId(String externalId) {
        return jdbc.sql("select customer_id from customer_identities where kind = 'crm' and value = ?")
                .param(externalId)
                .query(Long.class)
                .single();
    }
}
