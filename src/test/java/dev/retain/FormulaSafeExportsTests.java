package dev.retain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ingest.ImportJob;
import dev.retain.ingest.ImportJobs;
import dev.retain.ingest.ImportJobs.ImportRequest;
import dev.retain.ingest.ImportKind;
import dev.retain.ingest.ImportOptions;
import dev.retain.ingest.MappingText;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/** Every CSV download writes text a spreadsheet would run as a formula as inert text. */
@IntegrationTest
class FormulaSafeExportsTests {

    @LocalServerPort
    int port;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    ImportJobs imports;

    @Autowired
    ObjectMapper json;

    ApiClient manager;
    String token;

    @BeforeEach
    void signIn() {
        manager = ApiClient.withRoles(port, apiKeys, Role.MANAGER, Role.MARKETER, Role.ANALYST);
        token = "f" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void aCustomerNamedLikeAFormulaIsExportedFromASegmentAsText() {
        String name = "=HYPERLINK(\"http://x\",\"" + token + "\")";
        manager.put("/api/v1/customers/by-external-id/shop/" + token, Map.of("name", name));
        long segment = manager.post(
                        "/api/v1/segments",
                        Map.of("name", "formula " + token, "mode", "DYNAMIC", "condition", json.readTree("""
                                {"field": "profile.name", "op": "eq", "value": %s}""".formatted(
                                        json.writeValueAsString(name)))))
                .body()
                .get("id")
                .asLong();

        String csv = manager.getText("/api/v1/segments/" + segment + "/export?format=csv");

        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"" + token + "\"\")\",");
    }

    @Test
    void aRejectedRowHoldingAFormulaComesBackAsTextAndItsNegativeAmountAsANumber() {
        String file = """
                order_no,customer,date,amount,note
                %1$s-1,%1$s,2026-13-01,-12.50,@SUM(1)
                """.formatted(token);
        ImportJob job = imports.submit(
                new ImportRequest(
                        ImportKind.ORDERS,
                        "shop",
                        "orders.csv",
                        MappingText.parse("order_id=order_no,customer_id=customer,order_date=date,amount=amount"),
                        ImportOptions.defaults()),
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
        imports.runNow(job.id());

        String csv = manager.getText("/api/v1/imports/" + job.id() + "/rejected.csv");

        assertThat(csv).startsWith("\uFEFForder_no,customer,date,amount,note,reason\r\n");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow())
                .startsWith(token + "-1," + token + ",2026-13-01,-12.50,\"'@SUM(1)\",");
    }

    @Test
    void aJourneyNamedLikeAFormulaIsTextInTheChartDownload() {
        String name = "@SUM(1) " + token;
        var graph = Map.of(
                "trigger", Map.of("type", "api"), "start", "end", "nodes", Map.of("end", Map.of("type", "exit")));
        long journey = manager.post("/api/v1/journeys", Map.of("name", name, "graph", graph))
                .body()
                .get("id")
                .asLong();
        manager.post("/api/v1/journeys/" + journey + "/status", Map.of("status", "ACTIVE"));
        // A period of its own, so the dashboard is computed afresh rather than taken from the cache.
        LocalDate from = LocalDate.now().minusDays(30 + System.nanoTime() % 300);

        String csv = manager.getText("/api/v1/analytics/charts/journeys?format=csv&from=" + from);

        assertThat(csv).contains("\"'" + name + "\"").doesNotContain("," + name);
    }
}
