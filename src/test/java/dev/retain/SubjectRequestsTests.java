package dev.retain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.customers.PersonalDataHolder;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A person's access and erasure requests: every table with a {@code customer_id} column belongs to one module's
 * {@link PersonalDataHolder}; the export holds the customer's rows from every module; after the erasure no column of
 * any table holds their name, phone or email, the orders are still there for the accounts, and the audit chain still
 * verifies with the snapshots that named them redacted.
 */
@IntegrationTest
class SubjectRequestsTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    List<PersonalDataHolder> holders;

    @Autowired
    JdbcClient jdbc;

    ApiClient admin;
    String adminToken;
    String token;

    @BeforeEach
    void setUp() {
        adminToken = apiKeys.create("personal data test", Set.of(Role.ADMIN)).token();
        admin = ApiClient.withToken(port, adminToken);
        token = Long.toString(System.nanoTime(), 36);
    }

    @Test
    void everyTableWithACustomerIdIsNamedByExactlyOneModule() {
        List<String> customerKeyed = jdbc.sql("""
                        select table_name from information_schema.columns column_
                        join pg_class class on class.relname = column_.table_name
                        join pg_namespace schema on schema.oid = class.relnamespace and schema.nspname = column_.table_schema
                        where column_.table_schema = current_schema() and column_.column_name = 'customer_id'
                          and class.relkind in ('r', 'p') and not class.relispartition
                          and table_name not like 'bench\\_%' and table_name not like 'staging\\_%'
                        order by table_name""").query(String.class).list();
        List<String> named = new ArrayList<>();
        holders.forEach(holder -> named.addAll(holder.tables()));

        assertThat(named).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(named)).isEqualTo(new TreeSet<>(customerKeyed));
    }

    @Test
    void anErasedCustomerLeavesNoTraceButTheirOrdersStayForTheAccounts() throws Exception {
        String name = "Erasable " + token;
        String email = "erase-" + token + "@example.com";
        String phone = "+86139" + String.format("%08d", Math.floorMod(token.hashCode(), 100_000_000));
        long customer = admin.post(
                        "/api/v1/customers",
                        Map.of("kind", "PERSON", "name", name, "email", email, "phone", phone, "city", "苏州"))
                .body()
                .get("id")
                .asLong();
        admin.put(
                "/api/v1/customers/" + customer,
                Map.of("kind", "PERSON", "name", name, "email", email, "phone", phone, "city", "无锡"));
        admin.post("/api/v1/customers/" + customer + "/notes", Map.of("body", "Call " + name + " on " + phone));
        admin.post("/api/v1/customers/" + customer + "/tasks", Map.of("title", "Visit " + name, "kind", "VISIT"));
        admin.post(
                "/api/v1/customers/" + customer + "/follow-ups",
                Map.of("kind", "PHONE", "content", "Spoke with " + name));
        String order = "{\"order_id\":\"E-%s\",\"email\":\"%s\",\"order_date\":\"2026-11-02\",\"amount\":88}";
        assertThat(admin.postNdjson("/api/v1/orders/bulk?source=erasure", order.formatted(token, email))
                        .status())
                .isEqualTo(200);
        assertThat(admin.postNdjson(
                                "/api/v1/events/bulk?source=app",
                                "{\"email\":\"%s\",\"event_type\":\"page_view\",\"occurred_at\":\"2026-11-03T10:00:00Z\",\"who\":\"%s\"}"
                                        .formatted(email, name))
                        .status())
                .isEqualTo(200);
        aDeliveryAndItsOutboxCopy(customer, email, name);
        long rejectedRowJob = aRejectedImportRow(phone, name);
        assertThat(count("select count(*) from orders where customer_id = ?", customer))
                .isEqualTo(1);

        var export = admin.get("/api/v1/customers/" + customer + "/personal-data");
        assertThat(export.status()).isEqualTo(200);
        JsonNode modules = export.body().get("modules");
        assertThat(export.body().get("profile").get("email").asString()).isEqualTo(email);
        assertThat(modules.get("customers")
                        .get("customer_notes")
                        .get(0)
                        .get("body")
                        .asString())
                .contains(name);
        assertThat(modules.get("commerce").get("orders")).hasSize(1);
        assertThat(modules.get("events").get("events")).hasSize(1);
        assertThat(modules.get("tasks").get("tasks")).hasSize(1);
        assertThat(modules.get("sales").get("follow_ups")).hasSize(1);
        assertThat(modules.get("messaging").get("message_deliveries")).hasSize(1);
        assertThat(xlsxSheets(customer)).contains("profile", "commerce.orders", "customers.customer_notes");

        assertThat(admin.delete("/api/v1/customers/" + customer + "?reason=asked%20by%20the%20person")
                        .status())
                .isEqualTo(204);

        assertThat(admin.get("/api/v1/customers/" + customer).status()).isEqualTo(404);
        assertThat(tracesOf(name, email, phone, phone.substring(3))).isEmpty();
        assertThat(count("select count(*) from import_rejections where job_id = ?", rejectedRowJob))
                .as("the rejected row with their phone number in another spelling")
                .isZero();
        assertThat(count("select count(*) from orders where customer_id = ?", customer))
                .as("the order stays for the accounts")
                .isEqualTo(1);
        assertThat(count("select count(*) from message_deliveries where customer_id = ?", customer))
                .as("the delivery stays for caps and results, without its recipient")
                .isEqualTo(1);
        var verification = admin.get("/api/v1/audit/verify");
        assertThat(verification.body().path("broken").isMissingNode()
                        || verification.body().get("broken").isNull())
                .as(verification.body().toString())
                .isTrue();
        assertThat(verification.body().get("headHash").asString()).isNotBlank();
        assertThat(jdbc.sql("select after ->> 'reason' from audit_log where action = 'erase' and entity_id = ?")
                        .param(Long.toString(customer))
                        .query(String.class)
                        .single())
                .isEqualTo("asked by the person");
    }

    @Test
    void anUnsubscribedAddressStaysUnsubscribedWhenItComesBackAfterTheErasure() {
        String email = "came-back-" + token + "@example.com";
        long erased = admin.post("/api/v1/customers", Map.of("kind", "PERSON", "name", "Gone " + token, "email", email))
                .body()
                .get("id")
                .asLong();
        jdbc.sql("insert into suppressions (customer_id, channel, reason, at, created_by)"
                        + " values (?, 'EMAIL', 'UNSUBSCRIBED', now(), 'unsubscribe link')")
                .param(erased)
                .update();
        assertThat(admin.delete("/api/v1/customers/" + erased).status()).isEqualTo(204);
        assertThat(tracesOf(email)).as("the address itself is not kept").isEmpty();

        long back = admin.post("/api/v1/customers", Map.of("kind", "PERSON", "name", "Back " + token, "email", email))
                .body()
                .get("id")
                .asLong();
        long template = admin.post(
                        "/api/v1/message-templates",
                        Map.of(
                                "name", "came back " + token,
                                "channel", "EMAIL",
                                "locale", "en",
                                "subject", "New in",
                                "body", "<p>New in the shop</p>"))
                .body()
                .get("id")
                .asLong();
        var sent = admin.post(
                "/api/v1/messages",
                Map.of("channel", "EMAIL", "customerId", back, "templateId", template, "idempotencyKey", token));

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().get("status").asString()).isEqualTo("SUPPRESSED");
    }

    @Test
    void theAuditLogRefusesAnyOtherChangeThanARedaction() {
        long entry = jdbc.sql("select max(id) from audit_log").query(Long.class).single();
        var refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> jdbc.sql("update audit_log set before = null, after = null, redacted_at = now() where id = ?")
                        .param(entry)
                        .update());
        assertThat(refused).rootCause().hasMessageContaining("append-only");
    }

    /** Every table and column of text, JSON or arrays that holds one of the values: "table.column". */
    private List<String> tracesOf(String... values) {
        var columns = jdbc.sql("""
                        select column_.table_name, column_.column_name from information_schema.columns column_
                        join pg_class class on class.relname = column_.table_name
                        join pg_namespace schema on schema.oid = class.relnamespace and schema.nspname = column_.table_schema
                        where column_.table_schema = current_schema() and class.relkind in ('r', 'p')
                          and not class.relispartition
                          and column_.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
                        order by 1, 2""")
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
                .list();
        List<String> traces = new ArrayList<>();
        for (var column : columns) {
            for (String value : values) {
                long found = jdbc.sql("select count(*) from \"%s\" where \"%s\"::text like ?"
                                .formatted(column.get(0), column.get(1)))
                        .param("%" + value + "%")
                        .query(Long.class)
                        .single();
                if (found > 0) {
                    traces.add(column.get(0) + "." + column.get(1) + " holds " + value);
                }
            }
        }
        return traces;
    }

    private void aDeliveryAndItsOutboxCopy(long customer, String email, String name) {
        Instant now = Instant.now();
        long delivery = jdbc.sql("""
                        insert into message_deliveries (id, created_at, customer_id, channel, template_id, source_ref,
                            marketing, idempotency_key, variables, outcome, scheduled_at, status, recipient, subject)
                        values (?, ?, ?, 'EMAIL', 0, 'test', false, ?, ?::jsonb, 'QUEUED', ?, 'SENT', ?, ?)
                        returning id""")
                .params(
                        Math.floorMod(System.nanoTime(), 1_000_000_000L) + 9_000_000_000L,
                        java.sql.Timestamp.from(now),
                        customer,
                        "erasure-" + token,
                        "{\"name\":\"" + name + "\"}",
                        java.sql.Timestamp.from(now),
                        email,
                        "Hello " + name)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into outbox_messages (customer_id, delivery_id, channel, recipient, subject, body, sent_at)
                        values (?, ?, 'EMAIL', ?, ?, ?, ?)""")
                .params(customer, delivery, email, "Hello " + name, "Dear " + name, java.sql.Timestamp.from(now))
                .update();
    }

    private long aRejectedImportRow(String phone, String name) {
        long job = jdbc.sql("""
                        insert into import_jobs (kind, source, file_name, file_path, mapping, options, status,
                            created_by, created_at)
                        values ('CUSTOMERS', 'erasure-test', 'fair.csv', '/nowhere', '{}',
                            '{"dayFirst": false, "defaultCurrency": "CNY", "maxRejectedShare": 0.05}', 'SUCCEEDED',
                            'test', now())
                        returning id""").query(Long.class).single();
        String national = phone.substring(3);
        jdbc.sql("insert into import_rejections (job_id, row_number, reason, original) values (?, 2, 'BAD', ?)")
                .params(job, new String[] {"someone", national.substring(0, 3) + " " + national.substring(3)})
                .update();
        return job;
    }

    private Set<String> xlsxSheets(long customer) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/customers/" + customer
                                        + "/personal-data?format=xlsx"))
                                .header("Authorization", "Bearer " + adminToken)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> sheets = new TreeSet<>();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
        }
        return sheets;
    }

    private long count(String sql, long customerId) {
        return jdbc.sql(sql).param(customerId).query(Long.class).single();
    }
}
