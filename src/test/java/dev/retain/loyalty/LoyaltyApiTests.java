package dev.retain.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.customers.Customer;
import dev.retain.customers.CustomerDraft;
import dev.retain.customers.Customers;
import dev.retain.messaging.MovableClock;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The points API as a checkout or a shop's back office calls it: redemptions that answer with the balance, the same
 * key answered the same without spending twice, too few points a 409 saying the balance, bad input a 400 or 404 that
 * says what was wrong — with nothing written —, earning from a campaign, adjustments by hand (audited), the wallet and
 * the ledger within the caller's data scope, and the ledger's check.
 */
@LoyaltyTest
class LoyaltyApiTests {

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    @Autowired
    LoyaltyProgramme programme;

    @Autowired
    Loyalty loyalty;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MovableClock clock;

    ApiClient admin;
    ApiClient checkout;
    LoyaltyFixtures fixtures;

    @BeforeEach
    void setUp() {
        clock.set(null);
        admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        checkout = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
        fixtures = new LoyaltyFixtures(customers, programme, admin, jdbc);
    }

    @Test
    void aRedemptionAnswersWithTheBalanceAndTheSameKeyAgainSpendsNothing() {
        Customer member = aMemberWith(100);
        String key = "pos-" + UUID.randomUUID();

        var first = checkout.post(redemptions(member), Map.of("idempotencyKey", key, "points", 30, "note", "latte"));
        var again = checkout.post(redemptions(member), Map.of("idempotencyKey", key, "points", 30, "note", "latte"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().get("active").asLong()).isEqualTo(70);
        assertThat(first.body().get("points").asLong()).isEqualTo(30);
        assertThat(first.body().get("reason").asString()).isEqualTo("REDEMPTION");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(fixtures.transactions(member.id(), LoyaltyReason.REDEMPTION)).isEqualTo(1);
        assertThat(balance(member).get("active").asLong()).isEqualTo(70);

        var otherRequest = checkout.post(redemptions(member), Map.of("idempotencyKey", key, "points", 40));
        assertThat(otherRequest.status()).isEqualTo(409);
        assertThat(otherRequest.body().get("detail").asString())
                .contains("was used for another request", "REDEMPTION of 30 points");
    }

    @Test
    void tooFewPointsAreA409SayingTheBalanceAndNothingIsWritten() {
        Customer member = aMemberWith(25);
        long before = ledgerSize(member);

        var refused =
                checkout.post(redemptions(member), Map.of("idempotencyKey", "pos-" + UUID.randomUUID(), "points", 26));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.body().get("balance").asLong()).isEqualTo(25);
        assertThat(refused.body().get("requested").asLong()).isEqualTo(26);
        assertThat(refused.body().get("detail").asString()).contains("has 25 spendable points");
        assertThat(ledgerSize(member)).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedSayingWhatIsWrongAndWritesNothing() {
        Customer member = aMemberWith(50);
        long before = ledgerSize(member);

        var negative =
                checkout.post(redemptions(member), Map.of("idempotencyKey", "k-" + UUID.randomUUID(), "points", -5));
        var noKey = checkout.post(redemptions(member), Map.of("points", 5));
        var noPoints = checkout.post(redemptions(member), Map.of("idempotencyKey", "k-" + UUID.randomUUID()));
        var unknown = checkout.post(
                "/api/v1/loyalty/members/999999999/redemptions",
                Map.of("idempotencyKey", "k-" + UUID.randomUUID(), "points", 5));
        var wrongReason = admin.post(
                "/api/v1/loyalty/members/" + member.id() + "/earnings",
                Map.of("idempotencyKey", "k-" + UUID.randomUUID(), "points", 5, "reason", "REDEMPTION"));
        var adjustmentWithoutNote = admin.post(
                "/api/v1/loyalty/members/" + member.id() + "/adjustments",
                Map.of("idempotencyKey", "k-" + UUID.randomUUID(), "points", -5));

        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("errors").get(0).get("field").asString()).isEqualTo("points");
        assertThat(negative.body().get("errors").get(0).get("message").asString())
                .contains("above 0");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.body().get("errors").get(0).get("field").asString()).isEqualTo("idempotencyKey");
        assertThat(noPoints.status()).isEqualTo(400);
        assertThat(noPoints.body().get("errors").get(0).get("field").asString()).isEqualTo("points");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asString()).isEqualTo("Customer 999999999 does not exist");
        assertThat(wrongReason.status()).isEqualTo(400);
        assertThat(wrongReason.body().get("errors").get(0).get("message").asString())
                .isEqualTo("must be CAMPAIGN or ADJUSTMENT");
        assertThat(adjustmentWithoutNote.status()).isEqualTo(400);
        assertThat(ledgerSize(member)).isEqualTo(before);
        assertThat(balance(member).get("active").asLong()).isEqualTo(50);
    }

    @Test
    void anAdjustmentByHandIsAuditedAndCannotTakeMoreThanTheBalance() {
        Customer member = aMemberWith(40);

        var taken = admin.post(
                "/api/v1/loyalty/members/" + member.id() + "/adjustments",
                Map.of("idempotencyKey", "adj-" + UUID.randomUUID(), "points", -15, "note", "double booking"));
        var tooMuch = admin.post(
                "/api/v1/loyalty/members/" + member.id() + "/adjustments",
                Map.of("idempotencyKey", "adj-" + UUID.randomUUID(), "points", -26, "note", "double booking"));
        var asMarketer = checkout.post(
                "/api/v1/loyalty/members/" + member.id() + "/adjustments",
                Map.of("idempotencyKey", "adj-" + UUID.randomUUID(), "points", 5, "note", "why not"));

        assertThat(taken.status()).isEqualTo(201);
        assertThat(taken.body().get("active").asLong()).isEqualTo(25);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.body().get("balance").asLong()).isEqualTo(25);
        assertThat(asMarketer.status()).isEqualTo(403);
        assertThat(jdbc.sql("""
                        select after ->> 'note' from audit_log
                        where action = 'adjust' and entity_type = 'loyalty_member' and entity_id = ?""")
                        .param(Long.toString(member.id()))
                        .query(String.class)
                        .list())
                .containsExactly("double booking");
    }

    @Test
    void theWalletAndLedgerShowWhatHappenedWithinTheCallersScope() {
        Customer member = aMemberWith(60);
        checkout.post(
                redemptions(member), Map.of("idempotencyKey", "pos-" + UUID.randomUUID(), "points", 20, "note", "mug"));

        var wallet = balance(member);
        var history = admin.get("/api/v1/loyalty/members/" + member.id() + "/transactions?size=10");

        assertThat(wallet.get("active").asLong()).isEqualTo(40);
        assertThat(wallet.get("pending").asLong()).isZero();
        assertThat(history.body().get("total").asLong()).isEqualTo(2);
        var newest = history.body().get("items").get(0);
        assertThat(newest.get("reason").asString()).isEqualTo("REDEMPTION");
        assertThat(newest.get("activeChange").asLong()).isEqualTo(-20);
        assertThat(newest.get("activeAfter").asLong()).isEqualTo(40);
        assertThat(newest.get("note").asString()).isEqualTo("mug");

        // a salesperson sees only their own customers: this one is a colleague's
        String token = Long.toString(System.nanoTime(), 36);
        long colleague = users.create(new UserAccounts.NewUser(
                        "colleague-" + token, "colleague", null, "loyalty test password 1", Set.of(Role.SALES)))
                .id();
        long seller = users.create(new UserAccounts.NewUser(
                        "seller-" + token, "seller", null, "loyalty test password 1", Set.of(Role.SALES)))
                .id();
        customers.update(member.id(), withOwner(member, colleague));
        var salesperson = ApiClient.withToken(
                port,
                apiKeys.create("seller " + token, Set.of(Role.SALES), seller).token());
        assertThat(salesperson
                        .get("/api/v1/loyalty/members/" + member.id() + "/balance")
                        .status())
                .isEqualTo(404);
        assertThat(salesperson
                        .get("/api/v1/loyalty/members/" + member.id() + "/transactions")
                        .status())
                .isEqualTo(404);
        assertThat(salesperson
                        .post(redemptions(member), Map.of("idempotencyKey", "pos-" + UUID.randomUUID(), "points", 1))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theCheckProvesTheLedgerWhole() {
        aMemberWith(10);

        var result = admin.get("/api/v1/loyalty/check");

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body().get("problems")).isEmpty();
        assertThat(result.body().get("ok").asBoolean()).isTrue();
        assertThat(checkout.get("/api/v1/loyalty/check").status()).isEqualTo(403);
    }

    private Customer aMemberWith(long points) {
        Customer member = fixtures.aMember();
        var earned = admin.post(
                "/api/v1/loyalty/members/" + member.id() + "/earnings",
                Map.of("idempotencyKey", "welcome-" + UUID.randomUUID(), "points", points, "reason", "CAMPAIGN"));
        assertThat(earned.status()).as(String.valueOf(earned.body())).isEqualTo(201);
        return member;
    }

    private static CustomerDraft withOwner(Customer customer, long ownerId) {
        CustomerDraft draft = CustomerDraft.of(customer);
        return new CustomerDraft(
                draft.kind(),
                draft.name(),
                draft.phone(),
                draft.email(),
                draft.gender(),
                draft.birthday(),
                draft.city(),
                draft.region(),
                draft.industry(),
                ownerId,
                draft.status(),
                draft.lifecycleStage(),
                draft.source(),
                draft.customFields());
    }

    private tools.jackson.databind.JsonNode balance(Customer member) {
        var response = checkout.get("/api/v1/loyalty/members/" + member.id() + "/balance");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** The member's transactions and idempotency keys. */
    private long ledgerSize(Customer member) {
        return jdbc.sql("""
                        select (select count(*) from loyalty_transactions where customer_id = :id)
                             + (select count(*) from loyalty_keys where customer_id = :id)""").param("id", member.id()).query(Long.class).single();
    }

    private static String redemptions(Customer member) {
        return "/api/v1/loyalty/members/" + member.id() + "/redemptions";
    }
}
