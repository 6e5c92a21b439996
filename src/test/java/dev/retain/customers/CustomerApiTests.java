package dev.retain.customers;

import static dev.retain.customers.CustomerRequests.aCompany;
import static dev.retain.customers.CustomerRequests.aFreshMobile;
import static dev.retain.customers.CustomerRequests.aPerson;
import static dev.retain.customers.CustomerRequests.e164;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.ApiClient.Response;
import dev.retain.IntegrationTest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class CustomerApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    ApiClient sales;

    @BeforeEach
    void signIn() {
        sales = ApiClient.withRoles(port, apiKeys, Role.SALES);
    }

    @Test
    void createsACustomerWithPhoneAndEmailCleanedAndRecordedAsIdentities() {
        String mobile = aFreshMobile();
        var body = aPerson("张三");
        body.put("phone", mobile);
        body.put("email", "  Zhang.San." + UUID.randomUUID() + "@Example.COM ");

        Response created = sales.post("/api/v1/customers", body);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("phone").asString()).isEqualTo(e164(mobile));
        assertThat(created.body().get("email").asString())
                .startsWith("zhang.san.")
                .endsWith("@example.com");
        assertThat(created.body().get("lifecycleStage").asString()).isEqualTo("PROSPECT");
        Response read =
                sales.get("/api/v1/customers/" + created.body().get("id").asLong());
        assertThat(read.status()).isEqualTo(200);
        assertThat(kindsOf(read.body().get("identities"))).containsExactlyInAnyOrder("phone", "email");
    }

    @Test
    void anInvalidPayloadIsA400ProblemListingEveryBadField() {
        Response response = sales.post("/api/v1/customers", Map.of("name", "", "gender", "X"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fieldsOf(response)).containsExactlyInAnyOrder("kind", "name", "gender");
    }

    @Test
    void aPhoneOrEmailThatIsNotOneIsRejectedWithTheReason() {
        var body = aPerson("李四");
        body.put("phone", "12345");
        body.put("email", "not-an-email");

        Response response = sales.post("/api/v1/customers", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(fieldsOf(response)).containsExactlyInAnyOrder("phone", "email");
        assertThat(response.body().toString()).contains("'12345' is not a valid phone number");
    }

    @Test
    void malformedJsonIsA400Problem() {
        Response response = sales.post("/api/v1/customers", "{\"kind\": \"PERSON\", ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("title").asString()).isEqualTo("Malformed request");
    }

    @Test
    void anUnknownKindIsA400Problem() {
        Response response = sales.post("/api/v1/customers", Map.of("kind", "ROBOT", "name", "x"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).contains("ROBOT");
    }

    @Test
    void anUnknownIdIs404ForReadReplaceAndDelete() {
        assertThat(sales.get("/api/v1/customers/987654321").status()).isEqualTo(404);
        assertThat(sales.put("/api/v1/customers/987654321", aPerson("x")).status())
                .isEqualTo(404);
        Response delete = ApiClient.withRoles(port, apiKeys, Role.MANAGER).delete("/api/v1/customers/987654321");
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.body().get("detail").asString()).isEqualTo("Customer 987654321 does not exist");
    }

    @Test
    void withoutAValidApiKeyTheApiAnswers401() {
        Response anonymous = ApiClient.withToken(port, null).get("/api/v1/customers");
        Response unknownKey = ApiClient.withToken(port, "rtn_not-a-key").get("/api/v1/customers");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(unknownKey.status()).isEqualTo(401);
    }

    @Test
    void aRevokedKeyNoLongerWorks() {
        var created = apiKeys.create("soon revoked", java.util.Set.of(Role.ANALYST));
        ApiClient client = ApiClient.withToken(port, created.token());
        assertThat(client.get("/api/v1/customers").status()).isEqualTo(200);

        apiKeys.revoke(created.key().id());

        assertThat(client.get("/api/v1/customers").status()).isEqualTo(401);
    }

    @Test
    void anAnalystReadsButCannotChangeCustomers() {
        ApiClient analyst = ApiClient.withRoles(port, apiKeys, Role.ANALYST);

        assertThat(analyst.get("/api/v1/customers").status()).isEqualTo(200);
        Response create = analyst.post("/api/v1/customers", aPerson("王五"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aPhoneHeldByAnotherCustomerIsAConflict() {
        var first = aPerson("赵六");
        assertThat(sales.post("/api/v1/customers", first).status()).isEqualTo(201);
        var second = aPerson("钱七");
        second.put("phone", "+86-" + first.get("phone"));

        Response response = sales.post("/api/v1/customers", second);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().get("detail").asString()).contains(e164((String) first.get("phone")));
    }

    @Test
    void createAndReplaceAreAuditedWithBeforeAndAfterUntilTheCustomerIsErased() {
        long id = sales.post("/api/v1/customers", aCompany("恒达机械有限公司"))
                .body()
                .get("id")
                .asLong();
        var renamed = aCompany("恒达机械设备有限公司");
        assertThat(sales.put("/api/v1/customers/" + id, renamed).status()).isEqualTo(200);
        ApiClient admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        JsonNode entries = admin.get("/api/v1/audit?entityType=customer&entityId=" + id)
                .body()
                .get("items");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("action").asString()).isEqualTo("update");
        assertThat(entries.get(0).get("before").asString()).contains("恒达机械有限公司");
        assertThat(entries.get(0).get("after").asString()).contains("恒达机械设备有限公司");
        assertThat(entries.get(1).get("action").asString()).isEqualTo("create");
        assertThat(entries.get(1).get("actor").asString()).startsWith("api-key:");

        ApiClient manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER);
        assertThat(manager.delete("/api/v1/customers/" + id).status()).isEqualTo(204);

        entries = admin.get("/api/v1/audit?entityType=customer&entityId=" + id)
                .body()
                .get("items");
        assertThat(entries)
                .extracting(entry -> entry.get("action").asString())
                .containsExactly("erase", "update", "create");
        assertThat(entries.toString())
                .as("the snapshots of an erased customer are redacted")
                .doesNotContain("恒达机械");
        assertThat(sales.get("/api/v1/customers/" + id).status()).isEqualTo(404);
    }

    @Test
    void customFieldValuesAreCheckedAgainstTheirTypeAndStoredTyped() {
        ApiClient admin = ApiClient.withRoles(port, apiKeys, Role.ADMIN);
        String number = "credit_" + Long.toHexString(System.nanoTime());
        String choice = "grade_" + Long.toHexString(System.nanoTime());
        assertThat(admin.post("/api/v1/custom-fields", Map.of("key", number, "label", "Credit limit", "type", "NUMBER"))
                        .status())
                .isEqualTo(201);
        assertThat(admin.post(
                                "/api/v1/custom-fields",
                                Map.of("key", choice, "label", "Grade", "type", "ENUM", "options", List.of("A", "B")))
                        .status())
                .isEqualTo(201);
        long id = sales.post("/api/v1/customers", aCompany("佳美电子"))
                .body()
                .get("id")
                .asLong();

        var bad = aCompany("佳美电子");
        bad.put("customFields", Map.of(number, "lots", choice, "Z", "nonexistent", "1"));
        Response rejected = sales.put("/api/v1/customers/" + id, bad);
        var good = aCompany("佳美电子");
        good.put("customFields", Map.of(number, "50,000.50", choice, "B"));
        Response accepted = sales.put("/api/v1/customers/" + id, good);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(fieldsOf(rejected))
                .containsExactlyInAnyOrder(
                        "customFields." + number, "customFields." + choice, "customFields.nonexistent");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().get("customFields").get(number).decimalValue())
                .isEqualByComparingTo("50000.50");
        assertThat(accepted.body().get("customFields").get(choice).asString()).isEqualTo("B");
    }

    @Test
    void searchMatchesNameFragmentsWholeEncryptedPhonesAndEmailsAndTheLastFourDigits() {
        String marker = "Searchable" + Long.toHexString(System.nanoTime());
        var body = aPerson(marker + " Chen");
        body.put("email", marker.toLowerCase() + "@example.com");
        sales.post("/api/v1/customers", body);
        String digits = ((String) body.get("phone")).replace(" ", "");

        assertThat(namesFound("/api/v1/customers?q=" + marker)).containsExactly(marker + " Chen");
        assertThat(namesFound("/api/v1/customers?q=" + digits)).containsExactly(marker + " Chen");
        assertThat(namesFound("/api/v1/customers?q=%2B86" + digits)).containsExactly(marker + " Chen");
        assertThat(namesFound("/api/v1/customers?q=" + digits.substring(7) + "&size=500"))
                .as("the last four digits")
                .contains(marker + " Chen");
        assertThat(namesFound("/api/v1/customers?q=" + digits.substring(3)))
                .as("other parts of an encrypted number are not searchable")
                .isEmpty();
        assertThat(namesFound("/api/v1/customers?q=" + marker.toUpperCase() + "@EXAMPLE.COM"))
                .containsExactly(marker + " Chen");
        assertThat(namesFound("/api/v1/customers?q=" + marker + "&kind=COMPANY"))
                .isEmpty();
    }

    @Test
    void listsArePagedWithATotal() {
        Response page = sales.get("/api/v1/customers?size=2&page=0&sort=NAME&desc=false");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("items").size()).isLessThanOrEqualTo(2);
        assertThat(page.body().get("total").asLong())
                .isGreaterThanOrEqualTo(page.body().get("items").size());
    }

    private List<String> namesFound(String path) {
        var names = new ArrayList<String>();
        sales.get(path)
                .body()
                .get("items")
                .forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    private static List<String> fieldsOf(Response response) {
        var fields = new ArrayList<String>();
        response.body()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static List<String> kindsOf(JsonNode identities) {
        var kinds = new ArrayList<String>();
        identities.forEach(identity -> kinds.add(identity.get("kind").asString()));
        return kinds;
    }
}
