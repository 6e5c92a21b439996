package dev.retain.ingest;

import static dev.retain.ingest.ImportFiles.csv;
import static dev.retain.ingest.ImportFiles.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ApiClient;
import dev.retain.IntegrationTest;
import dev.retain.ingest.ImportJobs.ImportRequest;
import dev.retain.platform.Role;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The default caps on one cell of an imported file and one line of a bulk request. */
@IntegrationTest
class InputLimitsTests {

    @TempDir
    Path directory;

    @LocalServerPort
    int port;

    @Autowired
    ImportJobs jobs;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRowWithACellOverTheLimitIsRejectedNamingRowAndColumnAndTheOthersImport() throws IOException {
        String c = unique();
        Path file = csv(directory, "orders.csv", """
                order_no,customer,date,amount,note
                %1$s-1,%1$s,2026-04-01,10,fine
                %1$s-2,%1$s,2026-04-02,20,"%2$s"
                %1$s-3,%1$s,2026-04-03,30,after
                """.formatted(c, "x".repeat(70_000)));

        ImportJob job =
                run(file, ImportKind.ORDERS, "order_id=order_no,customer_id=customer,order_date=date,amount=amount");

        assertThat(job.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(job.rowsImported()).isEqualTo(2);
        assertThat(job.rowsRejected()).isEqualTo(1);
        assertThat(jobs.rejectionsByReason(job.id()))
                .extracting(RejectionReason::reason)
                .containsExactly("row 3 has a cell longer than 65,536 characters, the limit (column note)");
        assertThat(orders(c)).isEqualTo(2);
    }

    @Test
    void aFileWhoseQuoteIsLeftOpenFailsNamingTheRowAndImportsNothing() throws IOException {
        String c = unique();
        Path file = csv(directory, "orders.csv", """
                order_no,customer,date,amount,note
                %1$s-1,%1$s,2026-04-01,10,fine
                %1$s-2,%1$s,2026-04-02,20,"never closed
                %2$s
                """.formatted(
                        c, ("%1$s-3,%1$s,2026-04-03,30,lost\n".formatted(c)).repeat(3_000)));

        ImportJob job =
                run(file, ImportKind.ORDERS, "order_id=order_no,customer_id=customer,order_date=date,amount=amount");

        assertThat(job.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(job.error())
                .startsWith("row 3 has a cell longer than 65,536 characters, the limit")
                .contains("quote left open");
        assertThat(orders(c)).isZero();
    }

    private ImportJob run(Path file, ImportKind kind, String mapping) throws IOException {
        ImportJob job;
        try (var content = Files.newInputStream(file)) {
            job = jobs.submit(
                    new ImportRequest(
                            kind,
                            "shop",
                            file.getFileName().toString(),
                            MappingText.parse(mapping),
                            ImportOptions.defaults()),
                    content);
        }
        return jobs.runNow(job.id());
    }

    private long orders(String prefix) {
        return jdbc.sql("select count(*) from orders where source = 'shop' and external_id like ?")
                .param(prefix + "-%")
                .query(Long.class)
                .single();
    }

    @Test
    void anNdjsonLineOverTheLimitIsRejectedNamingTheLineAndTheOthersAreIngested() {
        String c = unique();
        String lines = """
                {"customer_id": "%1$s-a", "name": "short"}
                {"customer_id": "%1$s-b", "name": "%2$s"}
                {"customer_id": "%1$s-c", "name": "after"}
                """.formatted(c, "y".repeat(1024 * 1024));

        var response = ApiClient.withRoles(port, apiKeys, Role.MARKETER)
                .postNdjson("/api/v1/customers/bulk?source=crm", lines);

        assertThat(response.status()).isEqualTo(200);
        var results = response.body().get("results");
        assertThat(results.get(0).get("result").asString()).isEqualTo("created");
        assertThat(results.get(1).get("result").asString()).isEqualTo("rejected");
        assertThat(results.get(1).get("reason").asString())
                .isEqualTo("line 2 is longer than 1,048,576 bytes, the limit");
        assertThat(results.get(2).get("result").asString()).isEqualTo("created");
    }

    @Test
    void anNdjsonLineHoldingANulCharacterIsRejectedNamingTheLineAndField() {
        String c = unique();
        String lines =
                "{\"customer_id\": \"%1$s-a\", \"name\": \"fine\"}\n{\"customer_id\": \"%1$s-b\", \"name\": \"a\\u0000b\"}\n"
                        .formatted(c);

        var response = ApiClient.withRoles(port, apiKeys, Role.MARKETER)
                .postNdjson("/api/v1/customers/bulk?source=crm", lines);

        assertThat(response.status()).isEqualTo(200);
        var results = response.body().get("results");
        assertThat(results.get(0).get("result").asString()).isEqualTo("created");
        assertThat(results.get(1).get("result").asString()).isEqualTo("rejected");
        assertThat(results.get(1).get("reason").asString())
                .isEqualTo("line 2: name contains a NUL character (\\u0000), which text cannot hold");
    }

    @Test
    void aFileThatIsNoTableIsAnsweredInThePreviewWith400NamingTheFile() throws Exception {
        String token = apiKeys.create("preview", Set.of(Role.MARKETER)).token();
        String body =
                "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.csv\"\r\n\r\nid\u0000,name\r\n--b--\r\n";
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/api/v1/imports/preview?kind=CUSTOMERS"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "multipart/form-data; boundary=b")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"file\"").contains("binary data");
    }

    @Test
    void anXlsxFileStillImports() throws IOException {
        String c = unique();
        Path file = directory.resolve("customers.xlsx");
        try (var workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("客户编号");
            header.createCell(1).setCellValue("姓名");
            for (int i = 1; i <= 3; i++) {
                var row = sheet.createRow(i);
                row.createCell(0).setCellValue(c + "-" + i);
                row.createCell(1).setCellValue("客户" + i);
            }
            workbook.write(out);
        }

        ImportJob job;
        try (var content = Files.newInputStream(file)) {
            job = jobs.submit(
                    new ImportRequest(
                            ImportKind.CUSTOMERS,
                            "erp",
                            "customers.xlsx",
                            MappingText.parse("customer_id=客户编号,name=姓名"),
                            ImportOptions.defaults()),
                    content);
        }
        job = jobs.runNow(job.id());

        assertThat(job.status()).isEqualTo(ImportStatus.SUCCEEDED);
        assertThat(job.rowsImported()).isEqualTo(3);
    }
}
