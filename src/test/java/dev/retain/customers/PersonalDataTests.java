package dev.retain.customers;

import static dev.retain.customers.CustomerRequests.aFreshMobile;
import static dev.retain.customers.CustomerRequests.aPerson;
import static dev.retain.customers.CustomerRequests.e164;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.journeys.Journeys;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.PersonalDataException;
import dev.retain.platform.Role;
import dev.retain.platform.UserAccounts;
import dev.retain.platform.WebSession;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Phone and email encrypted at rest: what the database holds, identity resolution and search by blind index, the
 * background conversion and key rotation, masking by role with an audited reveal. Each test leaves the shipped
 * settings (phone and email sensitive) and a finished conversion behind.
 */
@IntegrationTest
class PersonalDataTests {

    private static final Set<Role> FULL_VIEW = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SALES, Role.SERVICE);
    private static final String PASSWORD = "personal data test password";

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Customers customers;

    @Autowired
    PersonalDataSettings settings;

    @Autowired
    PersonalDataConversion conversion;

    @Autowired
    UserAccounts users;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Journeys journeys;

    @Autowired
    ObjectMapper json;

    ApiClient sales;
    ApiClient marketer;

    @BeforeEach
    void signIn() {
        sales = ApiClient.withRoles(port, apiKeys, Role.SALES);
        marketer = ApiClient.withRoles(port, apiKeys, Role.MARKETER);
    }

    @AfterEach
    void backToTheShippedSettings() {
        settings.change(EnumSet.of(SensitiveField.PHONE, SensitiveField.EMAIL), FULL_VIEW);
        conversion.runToEnd();
    }

    @Test
    void noPlainPhoneOrEmailOfAnEncryptedCustomerIsLeftInTheDatabase() {
        var created = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 2; i++) {
            var body = aPerson("加密 " + i);
            body.put("email", "secret." + System.nanoTime() + "@example.com");
            created.add(body);
        }
        long first =
                sales.post("/api/v1/customers", created.get(0)).body().get("id").asLong();
        long second =
                sales.post("/api/v1/customers", created.get(1)).body().get("id").asLong();
        String importedPhone = aFreshMobile();
        String importedEmail = "imported." + System.nanoTime() + "@example.com";
        var imported = marketer.postNdjson(
                "/api/v1/customers/bulk?source=crm", """
                {"name": "导入 %3$s", "phone": "%1$s", "email": "%2$s"}
                {"phone": "%1$s", "city": "杭州"}
                """.formatted(importedPhone, importedEmail, System.nanoTime()));
        assertThat(resultsOf(imported.body())).containsExactly("created", "merged");
        var manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        assertThat(manager.post("/api/v1/customers/" + first + "/merge", Map.of("mergedId", second))
                        .status())
                .isEqualTo(201);

        var plainValues = new ArrayList<String>(List.of(e164(importedPhone), importedEmail));
        created.forEach(body -> {
            plainValues.add(e164((String) body.get("phone")));
            plainValues.add((String) body.get("email"));
        });
        for (String value : plainValues) {
            String digits = value.startsWith("+") ? value.substring(3) : value;
            for (String table : List.of(
                    "customers",
                    "customer_identities",
                    "contacts",
                    "customer_merges",
                    "duplicate_candidates",
                    "audit_log")) {
                assertThat(jdbc.sql("select count(*) from " + table + " t where strpos(t::text, ?) > 0")
                                .param(digits)
                                .query(Long.class)
                                .single())
                        .as(value + " in " + table)
                        .isZero();
            }
        }
        JsonNode read = sales.get("/api/v1/customers/" + first).body();
        assertThat(read.get("customer").get("phone").asString())
                .as("the survivor takes the newer customer's phone, decrypted for those who see it in full")
                .isEqualTo(e164((String) created.get(1).get("phone")));
        assertThat(kindsAndValues(read.get("identities")))
                .contains(
                        "phone " + e164((String) created.get(0).get("phone")),
                        "phone " + e164((String) created.get(1).get("phone")),
                        "email " + created.get(1).get("email"));
        assertThat(jdbc.sql("select phone_prefix || ' ' || email_domain from customers where id = ?")
                        .param(first)
                        .query(String.class)
                        .single())
                .isEqualTo("+86 139 example.com");
        assertThat(customers.idOf(new Identity("phone", e164(importedPhone)))).isPresent();
    }

    @Test
    void aValueMovedToAnotherCustomerOrChangedDoesNotOpen() {
        long a = sales.post("/api/v1/customers", aPerson("甲")).body().get("id").asLong();
        long b = sales.post("/api/v1/customers", aPerson("乙")).body().get("id").asLong();

        jdbc.sql("update customers set phone_cipher = (select phone_cipher from customers where id = ?) where id = ?")
                .params(b, a)
                .update();

        assertThatThrownBy(() -> customers.find(a))
                .isInstanceOf(PersonalDataException.class)
                .hasMessageContaining("belongs to another row or column");
        assertThat(customers.find(b).phone()).startsWith("+86139");

        jdbc.sql("update customers set email_cipher = phone_cipher, phone_cipher = null where id = ?")
                .param(b)
                .update();
        assertThatThrownBy(() -> customers.find(b)).isInstanceOf(PersonalDataException.class);
        jdbc.sql("delete from customers where id in (?, ?)").params(a, b).update();
    }

    @Test
    void importsResolveTheSameCustomersEncryptedAsInPlainText() {
        List<String> encrypted = importScenario();

        settings.change(EnumSet.noneOf(SensitiveField.class), FULL_VIEW);
        conversion.runToEnd();
        List<String> plain = importScenario();

        assertThat(encrypted)
                .containsExactly("created a", "merged a", "merged a", "created b", "merged a", "created c", "merged c")
                .isEqualTo(plain);
    }

    /**
     * Rows sharing a phone (typed differently) or an email are one customer; a second file finds customers by phone,
     * by email and by the external id; the outcome of each row and which customer it went to, as letters.
     */
    private List<String> importScenario() {
        String phone = aFreshMobile();
        String email = "Same." + System.nanoTime() + "@Example.com";
        String other = aFreshMobile();
        String ref = "R" + System.nanoTime();
        var firstFile = marketer.postNdjson(
                "/api/v1/customers/bulk?source=crm", """
                {"name": "王芳", "phone": "%1$s", "email": "%2$s"}
                {"name": "王芳", "phone": "+86 %1$s"}
                {"name": "Fang Wang", "email": " %3$s "}
                {"name": "李雷", "phone": "%4$s"}
                """.formatted(phone, email, email.toUpperCase(), other));
        var secondFile = marketer.postNdjson(
                "/api/v1/customers/bulk?source=erp", """
                {"phone": "%1$s", "city": "上海"}
                {"customer_id": "%2$s", "email": "new.%3$s@example.com"}
                {"customer_id": "%2$s", "name": "韩梅梅"}
                """.formatted(phone.replace(" ", "-"), ref, System.nanoTime()));
        var labels = new LinkedHashMap<Long, String>();
        var outcomes = new ArrayList<String>();
        for (JsonNode response : List.of(firstFile.body(), secondFile.body())) {
            response.get("results").forEach(result -> {
                long customer = result.get("customerId").asLong();
                labels.computeIfAbsent(customer, id -> String.valueOf((char) ('a' + labels.size())));
                outcomes.add(result.get("result").asString() + " " + labels.get(customer));
            });
        }
        return outcomes;
    }

    @Test
    void searchFindsEncryptedPhonesAndEmailsWholeAndPhonesByTheirLastFourDigits() {
        String marker = "寻找" + System.nanoTime();
        var body = aPerson(marker);
        String email = "find." + System.nanoTime() + "@example.com";
        body.put("email", email);
        sales.post("/api/v1/customers", body);
        String digits = ((String) body.get("phone")).replace(" ", "");

        assertThat(namesFound(digits)).containsExactly(marker);
        assertThat(namesFound(email.toUpperCase())).containsExactly(marker);
        assertThat(namesFound(digits.substring(7) + "&size=500")).contains(marker);
        assertThat(namesFound(digits.substring(2)))
                .as("a part of an encrypted number")
                .isEmpty();
    }

    @Test
    void markingFieldsEncryptsExistingCustomersInBatchesResumingWhereItStopped() {
        settings.change(EnumSet.noneOf(SensitiveField.class), FULL_VIEW);
        conversion.runToEnd();
        var ids = new ArrayList<Long>();
        var phones = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var body = aPerson("批量 " + i);
            body.put("email", "batch." + i + "." + System.nanoTime() + "@example.com");
            ids.add(sales.post("/api/v1/customers", body).body().get("id").asLong());
            phones.add(e164((String) body.get("phone")));
        }
        assertThat(plainPhoneOf(ids.get(0))).isEqualTo(phones.get(0));

        settings.change(EnumSet.of(SensitiveField.PHONE, SensitiveField.EMAIL), FULL_VIEW);
        long lowest =
                jdbc.sql("select min(id) from customers").query(Long.class).single();
        assertThat(conversion.runDue(1)).isEqualTo(1);
        assertThat(cursor()).as("the cursor is kept in the database").isEqualTo(lowest);
        assertThat(plainPhoneOf(ids.get(0))).as("not reached yet").isEqualTo(phones.get(0));
        // the instance stops between batches; another one (or this one after a restart) goes on from the cursor
        while (cursor() != null && cursor() < ids.get(0)) {
            conversion.runDue(3);
        }
        assertThat(plainPhoneOf(ids.get(0))).isNull();
        byte[] firstSealed = cipherOf(ids.get(0));
        conversion.runToEnd();

        assertThat(cursor()).isNull();
        assertThat(settings.conversion().finishedAt()).isNotNull();
        assertThat(jdbc.sql("select count(*) from customers where phone is not null or email is not null")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("""
                        select count(*) from customer_identities
                        where kind in ('phone', 'email') and (left(value, 1) <> '#' or cipher is null)""").query(Long.class).single()).isZero();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(customers.find(ids.get(i)).phone()).isEqualTo(phones.get(i));
            assertThat(customers.idOf(new Identity("phone", phones.get(i)))).contains(ids.get(i));
        }
        assertThat(cipherOf(ids.get(0))).as("converted once, not again").isEqualTo(firstSealed);
    }

    @Test
    void aMergeMadeInPlainTextIsEncryptedByTheConversionAndStillUndone() {
        settings.change(EnumSet.noneOf(SensitiveField.class), FULL_VIEW);
        conversion.runToEnd();
        var manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        var first = aPerson("合并前 甲");
        var second = aPerson("合并前 乙");
        second.put("email", "merged." + System.nanoTime() + "@example.com");
        long survivor =
                manager.post("/api/v1/customers", first).body().get("id").asLong();
        long merged = manager.post("/api/v1/customers", second).body().get("id").asLong();
        long mergeId = manager.post("/api/v1/customers/" + survivor + "/merge", Map.of("mergedId", merged))
                .body()
                .get("id")
                .asLong();
        String mergedPhone = e164((String) second.get("phone"));

        settings.change(EnumSet.of(SensitiveField.PHONE, SensitiveField.EMAIL), FULL_VIEW);
        conversion.runToEnd();

        for (String value : List.of(
                mergedPhone.substring(3), e164((String) first.get("phone")).substring(3))) {
            assertThat(jdbc.sql("select count(*) from customer_merges m where strpos(m::text, ?) > 0")
                            .param(value)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
        assertThat(manager.post("/api/v1/merges/" + mergeId + "/undo", Map.of()).status())
                .isIn(200, 201);
        assertThat(customers.idOf(new Identity("phone", mergedPhone))).contains(merged);
        assertThat(customers.find(survivor).phone()).isEqualTo(e164((String) first.get("phone")));
        assertThat(customers.find(merged).email()).isEqualTo(second.get("email"));
    }

    @Test
    void onlyOneInstanceConvertsAtATime() throws Exception {
        settings.rotateKey();
        var locked = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        CompletableFuture<Void> otherInstance =
                CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    jdbc.sql("select cursor_id from personal_data_conversion for update")
                            .query(Long.class)
                            .optional();
                    locked.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        Long cursor = cursor();

        assertThat(conversion.runDue(10)).as("busy elsewhere").isZero();
        assertThat(cursor()).isEqualTo(cursor);

        release.countDown();
        otherInstance.get(30, TimeUnit.SECONDS);
        assertThat(conversion.runDue(10)).isPositive();
    }

    @Test
    void aNewKeyReEncryptsEveryValueWhileOldOnesStayReadable() {
        var body = aPerson("轮换");
        body.put("email", "rotate." + System.nanoTime() + "@example.com");
        long id = sales.post("/api/v1/customers", body).body().get("id").asLong();

        int key = settings.rotateKey();

        assertThat(customers.find(id).email())
                .as("still readable under the old key")
                .isEqualTo(body.get("email"));
        long made =
                sales.post("/api/v1/customers", aPerson("新钥")).body().get("id").asLong();
        assertThat(keyOf(made)).isEqualTo(key);
        conversion.runToEnd();
        assertThat(jdbc.sql("""
                        select count(*) from customers
                        where (phone_cipher is not null and get_byte(phone_cipher, 1) * 256 + get_byte(phone_cipher, 2) <> ?)
                           or (email_cipher is not null and get_byte(email_cipher, 1) * 256 + get_byte(email_cipher, 2) <> ?)""").params(key, key).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from customer_identities
                        where cipher is not null and get_byte(cipher, 1) * 256 + get_byte(cipher, 2) <> ?""").param(key).query(Long.class).single()).isZero();
        assertThat(customers.find(id).email()).isEqualTo(body.get("email"));
        assertThat(customers.idOf(new Identity("email", (String) body.get("email"))))
                .contains(id);
    }

    @Test
    void rolesWithoutFullViewSeeMaskedValuesAndARevealIsAudited() {
        var body = aPerson("遮蔽");
        String email = "zhou." + System.nanoTime() + "@example.com";
        body.put("email", email);
        long id = sales.post("/api/v1/customers", body).body().get("id").asLong();
        String phone = e164((String) body.get("phone"));
        String masked = "139****" + phone.substring(phone.length() - 4);
        var analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);
        long revealsBefore = reveals(id);

        JsonNode seen = analyst.get("/api/v1/customers/" + id).body();
        JsonNode listed =
                analyst.get("/api/v1/customers?q=" + phone.substring(3)).body();

        assertThat(seen.get("customer").get("phone").asString()).isEqualTo(masked);
        assertThat(seen.get("customer").get("email").asString()).isEqualTo("z***@example.com");
        assertThat(kindsAndValues(seen.get("identities"))).contains("phone " + masked);
        assertThat(listed.get("items").get(0).get("phone").asString()).isEqualTo(masked);
        assertThat(reveals(id)).as("views are not audited").isEqualTo(revealsBefore);

        JsonNode revealed =
                analyst.post("/api/v1/customers/" + id + "/reveal", Map.of()).body();

        assertThat(revealed.get("phone").asString()).isEqualTo(phone);
        assertThat(revealed.get("email").asString()).isEqualTo(email);
        assertThat(reveals(id)).isEqualTo(revealsBefore + 1);
        assertThat(jdbc.sql("""
                        select actor || ' ' || (after->'fields')::text from audit_log
                        where action = 'reveal' and entity_type = 'customer' and entity_id = ? order by at desc limit 1""").param(String.valueOf(id)).query(String.class).single())
                .startsWith("api-key:")
                .endsWith("[\"phone\", \"email\"]")
                .doesNotContain(phone.substring(3));

        // a marketer saving the masked values back keeps the real ones
        JsonNode asMarketer = marketer.get("/api/v1/customers/" + id).body().get("customer");
        var replaced = new LinkedHashMap<String, Object>();
        replaced.put("kind", "PERSON");
        replaced.put("name", "遮蔽 改名");
        replaced.put("phone", asMarketer.get("phone").asString());
        replaced.put("email", asMarketer.get("email").asString());
        assertThat(marketer.put("/api/v1/customers/" + id, replaced).status()).isEqualTo(200);
        assertThat(customers.find(id).phone()).isEqualTo(phone);
        assertThat(customers.find(id).email()).isEqualTo(email);
        assertThat(sales.get("/api/v1/customers/" + id)
                        .body()
                        .get("customer")
                        .get("phone")
                        .asString())
                .isEqualTo(phone);
    }

    @Test
    void theCustomerPageMasksForAnalystsAndRevealsOnAskingWithAnAuditEntry() {
        var body = aPerson("页面遮蔽");
        long id = sales.post("/api/v1/customers", body).body().get("id").asLong();
        String phone = e164((String) body.get("phone"));
        String username = "pd-analyst-" + System.nanoTime();
        users.create(new UserAccounts.NewUser(username, username, null, PASSWORD, Set.of(Role.ANALYST)));
        var page = new WebSession(port);
        page.signIn(username, PASSWORD);
        long before = reveals(id);

        String shown = page.get("/customers/" + id).body();

        assertThat(shown)
                .contains("139****" + phone.substring(phone.length() - 4))
                .doesNotContain(phone);
        assertThat(shown).contains("/customers/" + id + "/reveal");

        var revealed = page.post("/customers/" + id + "/reveal", "/customers/" + id, Map.of());

        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(revealed.body()).contains(phone);
        assertThat(reveals(id)).isEqualTo(before + 1);
    }

    @Test
    void conditionsReadTheDerivedColumnsAndSayWhenTheyCannotTestAnEncryptedValue() {
        var body = aPerson("条件");
        body.put("email", "cond." + System.nanoTime() + "@cond-example.org");
        sales.post("/api/v1/customers", body);

        var byDomain = marketer.post(
                "/api/v1/conditions/preview",
                Map.of("condition", Map.of("field", "profile.email_domain", "op", "eq", "value", "cond-example.org")));
        var byPrefix = marketer.post(
                "/api/v1/conditions/preview",
                Map.of("condition", Map.of("field", "profile.phone_prefix", "op", "eq", "value", "+86 139")));
        var present = marketer.post(
                "/api/v1/conditions/preview",
                Map.of("condition", Map.of("field", "profile.email", "op", "is_not_empty")));
        var refused = marketer.post(
                "/api/v1/conditions/preview",
                Map.of("condition", Map.of("field", "profile.email", "op", "contains", "value", "cond")));

        assertThat(byDomain.status()).isEqualTo(200);
        assertThat(byDomain.body().get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(byPrefix.body().get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(present.body().get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().toString())
                .contains("profile.email is encrypted")
                .contains("use profile.email_domain instead");
    }

    @Test
    void aJourneyCannotBeSavedWithAConditionAnEncryptedFieldCannotAnswer() {
        JsonNode graph = json.readTree("""
                {"trigger": {"type": "schedule", "condition":
                    {"field": "profile.phone", "op": "starts_with", "value": "+86138"}},
                 "start": "end", "nodes": {"end": {"type": "exit"}}}""");

        assertThatThrownBy(() -> journeys.create("加密条件 " + System.nanoTime(), null, graph, "test"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("profile.phone is encrypted")
                .hasMessageContaining("profile.phone_prefix");
        JsonNode allowed = json.readTree("""
                {"trigger": {"type": "schedule", "condition":
                    {"field": "profile.phone_prefix", "op": "eq", "value": "+86 138"}},
                 "start": "end", "nodes": {"end": {"type": "exit"}}}""");
        assertThat(journeys.create("前缀条件 " + System.nanoTime(), null, allowed, "test")
                        .id())
                .isPositive();
    }

    @Test
    void adminsReadAndChangeTheSettingsThroughTheApi() {
        var admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);

        JsonNode state = admin.get("/api/v1/personal-data").body();
        var noneInFull =
                admin.put("/api/v1/personal-data", Map.of("sensitive", List.of("PHONE"), "fullViewRoles", List.of()));
        var changed = admin.put(
                "/api/v1/personal-data",
                Map.of("sensitive", List.of("EMAIL"), "fullViewRoles", List.of("ADMIN", "SERVICE")));

        assertThat(state.get("sensitive").toString()).contains("PHONE", "EMAIL");
        assertThat(state.get("keySource").asString()).isEqualTo("FILE");
        assertThat(noneInFull.status()).isEqualTo(400);
        assertThat(noneInFull.contentType()).startsWith("application/problem+json");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("sensitive").toString()).isEqualTo("[\"EMAIL\"]");
        assertThat(changed.body().get("conversion").get("reason").asString())
                .as("the change starts a conversion")
                .isEqualTo("FIELDS");
        assertThat(sales.get("/api/v1/personal-data").status()).isEqualTo(403);
        int active = changed.body().get("activeKey").asInt();
        assertThat(admin.post("/api/v1/personal-data/rotate-key", Map.of())
                        .body()
                        .get("activeKey")
                        .asInt())
                .isEqualTo(active + 1);
    }

    @Test
    void theDatabaseDerivesThePrefixOfAPlainNumberAsJavaDoesOfAnEncryptedOne() {
        for (String e164 : List.of("+8613812345678", "+14155552671", "+85291234567", "+442071838750", "+79161234567")) {
            assertThat(jdbc.sql("select phone_prefix(?)")
                            .param(e164)
                            .query(String.class)
                            .single())
                    .isEqualTo(PhonePrefix.of(e164));
        }
    }

    @Test
    void aMessageGoesToTheRealAddressWhoeverAsksForIt() {
        var body = aPerson("短信");
        long id = sales.post("/api/v1/customers", body).body().get("id").asLong();
        long template = marketer.post(
                        "/api/v1/message-templates",
                        Map.of(
                                "name",
                                "pd-sms-" + System.nanoTime(),
                                "channel",
                                "SMS",
                                "locale",
                                "zh-CN",
                                "body",
                                "您好 {{customer.name}}"))
                .body()
                .get("id")
                .asLong();

        var sent = marketer.post(
                "/api/v1/messages",
                Map.of(
                        "channel",
                        "SMS",
                        "customerId",
                        id,
                        "templateId",
                        template,
                        "idempotencyKey",
                        "pd-" + System.nanoTime(),
                        "marketing",
                        false));

        assertThat(sent.status()).isEqualTo(200);
        assertThat(jdbc.sql("select recipient from message_deliveries where id = ?")
                        .param(sent.body().get("deliveryId").asLong())
                        .query(String.class)
                        .single())
                .isEqualTo(e164((String) body.get("phone")));
    }

    private long reveals(long customerId) {
        return jdbc.sql("select count(*) from audit_log where action = 'reveal' and entity_id = ?")
                .param(String.valueOf(customerId))
                .query(Long.class)
                .single();
    }

    private Long cursor() {
        return jdbc.sql("select cursor_id from personal_data_conversion")
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private String plainPhoneOf(long id) {
        return jdbc.sql("select phone from customers where id = ?")
                .param(id)
                .query((rs, row) -> rs.getString(1))
                .list()
                .get(0);
    }

    private byte[] cipherOf(long id) {
        return jdbc.sql("select phone_cipher from customers where id = ?")
                .param(id)
                .query(byte[].class)
                .single();
    }

    private int keyOf(long id) {
        return jdbc.sql(
                        "select get_byte(phone_cipher, 1) * 256 + get_byte(phone_cipher, 2) from customers where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private List<String> namesFound(String query) {
        var names = new ArrayList<String>();
        sales.get("/api/v1/customers?q=" + query)
                .body()
                .get("items")
                .forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static List<String> resultsOf(JsonNode body) {
        var results = new ArrayList<String>();
        body.get("results").forEach(result -> results.add(result.get("result").asString()));
        return results;
    }

    private static List<String> kindsAndValues(JsonNode identities) {
        var values = new ArrayList<String>();
        identities.forEach(identity -> values.add(
                identity.get("kind").asString() + " " + identity.get("value").asString()));
        return values;
    }
}
