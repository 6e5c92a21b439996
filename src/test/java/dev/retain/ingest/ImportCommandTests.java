package dev.retain.ingest;

import static dev.retain.ingest.ImportFiles.csv;
import static dev.retain.ingest.ImportFiles.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.retain.IntegrationTest;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code ./retain import} as a script or an ERP job runs it: a separate process against the same database. */
@IntegrationTest
class ImportCommandTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    ImportPresets presets;

    @Autowired
    ApiKeys apiKeys;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path directory;

    @Test
    void importsAFileAndPrintsTheAccount() throws Exception {
        String c = unique();
        Path file = csv(directory, "invoices.csv", """
                CustomerID,InvoiceDate,Total
                %1$s,2026-01-05,10
                %1$s,2026-01-06,20
                """.formatted(c));

        var run = retain(
                "import",
                "--kind",
                "orders",
                "--file",
                file.toString(),
                "--source",
                "erp",
                "--map",
                "customer_id=CustomerID,order_date=InvoiceDate,amount=Total");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCEEDED").contains("rows read 2, imported 2, merged 0, rejected 0");
    }

    @Test
    void aSavedPresetReplacesTheMapping() throws Exception {
        String c = unique();
        String name = "ERP invoices " + c;
        presets.save(new ImportPreset(
                name,
                ImportKind.ORDERS,
                "erp",
                MappingText.parse("customer_id=Kunde,order_date=Datum,amount=Betrag"),
                ImportOptions.of(true, "EUR")));
        Path file = csv(directory, "export.csv", """
                Kunde,Datum,Betrag
                %1$s,05/01/2026,"12,50 €"
                """.formatted(c));

        var run = retain("import", "--preset", name, "--file", file.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("imported 1");
        assertThat(jdbc.sql("select to_char(ordered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') || ' ' || currency"
                                + " || ' ' || amount from orders where source = 'erp' and customer_id = (select"
                                + " customer_id from customer_identities where kind = 'erp' and value = ?)")
                        .param(c)
                        .query(String.class)
                        .single())
                .isEqualTo("2026-01-05 EUR 12.50");
    }

    @Test
    void importsThroughARunningServerWhoseWorkerRunsTheJob() throws Exception {
        String c = unique();
        Path file = csv(directory, "remote.csv", """
                CustomerID,InvoiceDate,Total
                %1$s,2026-02-05,10
                %1$s,2026-02-06,bad
                """.formatted(c));
        String token = apiKeys.create("script", java.util.Set.of(dev.retain.platform.Role.MANAGER))
                .token();

        var run = retain(
                "import",
                "--server",
                "http://localhost:" + port,
                "--api-key",
                token,
                "--kind",
                "orders",
                "--file",
                file.toString(),
                "--source",
                "erp",
                "--max-rejected",
                "0.6",
                "--map",
                "order_date=InvoiceDate");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .containsPattern("mapping: .*order_date=InvoiceDate")
                .containsPattern("mapping: .*customer_id=CustomerID")
                .containsPattern("mapping: .*amount=Total")
                .contains("SUCCEEDED")
                .contains("rows read 2, imported 1, merged 0, rejected 1")
                .contains("1 rejected: amount: 'bad' is not an amount");
    }

    @Test
    void exitsWith3WhenMoreRowsThanAllowedWereRejected() throws Exception {
        String c = unique();
        Path file = csv(directory, "bad.csv", """
                CustomerID,InvoiceDate,Total
                %1$s,2026-01-05,10
                %1$s,yesterday,20
                """.formatted(c));

        var run = retain(
                "import",
                "--kind",
                "orders",
                "--file",
                file.toString(),
                "--max-rejected",
                "0.2",
                "--map",
                "customer_id=CustomerID,order_date=InvoiceDate,amount=Total");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output()).contains("rejected 1");
    }

    @Test
    void aMappingToAMissingColumnIsRefusedWithExitCode2() throws Exception {
        Path file = csv(directory, "x.csv", "CustomerID,InvoiceDate,Total\nx,2026-01-05,1\n");

        var run = retain(
                "import",
                "--kind",
                "orders",
                "--file",
                file.toString(),
                "--map",
                "customer_id=Customer,order_date=InvoiceDate,amount=Total");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("mapping.customer_id: the file has no column 'Customer'");
    }

    @Test
    void anErpExportImportsWithoutAMappingTurningCancellationsIntoReturnsAndNaIntoNoCustomer() throws Exception {
        String source = "erp_" + unique();
        Path file = directory.resolve("online-retail.csv");
        try (var fixture = getClass().getResourceAsStream("/ingest/online-retail.csv")) {
            Files.copy(fixture, file);
        }

        var run = retain("import", "--kind", "orders", "--file", file.toString(), "--source", source);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
        assertThat(run.output())
                .contains("mapping: order_id=InvoiceNo,sku=StockCode,product_name=Description,quantity=Quantity,"
                        + "order_date=InvoiceDate,unit_price=UnitPrice,customer_id=CustomerID")
                .contains("rows read 20, imported 9, merged 5, rejected 6")
                .contains("4 rejected: customer_id: no customer identity: customer id, phone and email are all missing")
                .contains("1 rejected: quantity: '0' is not a whole number other than 0")
                .contains("1 rejected: quantity: 'six' is not an amount");
        assertThat(jdbc.sql("select value from customer_identities where kind = ? order by value")
                        .param(source)
                        .query(String.class)
                        .list())
                .containsExactly("12583", "13047", "13748", "17850");
        assertThat(jdbc.sql("""
                        select external_id || ' ' || amount || ' ' || coalesce(returns_external_id, '-')
                        from orders where source = ? and status = 'RETURNED' order by external_id""").param(source).query(String.class).list())
                .containsExactly("C536001 -12.75 536001", "C536370 -15.00 536370");
        assertThat(spendOf(source, "12583")).isEqualByComparingTo("165.00");
        // The return of an invoice Retain never saw cannot take back spend that was never counted.
        assertThat(spendOf(source, "17850")).isEqualByComparingTo("68.74");
        assertThat(jdbc.sql("select count(*) from order_lines l join orders o on o.id = l.order_id"
                                + " where o.source = ? and o.external_id = 'C536370' and l.sku = '22728'"
                                + " and l.quantity = -4 and l.line_amount = -15.00")
                        .param(source)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void asksForAMappingOnlyOfTheRequiredFieldNoHeaderNames() throws Exception {
        String c = unique();
        Path file = csv(directory, "export.csv", """
                CustomerID,Datum,Total
                %1$s,2026-01-05,10
                """.formatted(c));

        var unmapped = retain("import", "--kind", "orders", "--file", file.toString());
        var mapped = retain("import", "--kind", "orders", "--file", file.toString(), "--map", "order_date=Datum");

        assertThat(unmapped.exitCode()).as(unmapped.output()).isEqualTo(2);
        assertThat(unmapped.output())
                .contains("mapping: customer_id=CustomerID,amount=Total")
                .contains("No column matched the required field order_date (map a column to 'order_date'):"
                        + " add --map order_date=COLUMN")
                .contains("The file's columns: CustomerID, Datum, Total")
                .doesNotContain("field customer_id")
                .doesNotContain("field amount");
        assertThat(mapped.exitCode()).as(mapped.output()).isZero();
        assertThat(mapped.output())
                .contains("mapping: customer_id=CustomerID,amount=Total,order_date=Datum")
                .contains("rows read 1, imported 1, merged 0, rejected 0");
    }

    private java.math.BigDecimal spendOf(String source, String customerId) {
        return jdbc.sql("""
                        select coalesce(sum(p.base_amount), 0) from paid_orders_view p
                        join customer_identities i on i.customer_id = p.customer_id
                        where i.kind = ? and i.value = ?""")
                .params(source, customerId)
                .query(java.math.BigDecimal.class)
                .single();
    }

    record Run(int exitCode, String output) {}

    private Run retain(String... args) throws Exception {
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.retain.RetainApplication"));
        command.addAll(List.of(args));
        File output = Files.createTempFile(directory, "out", ".txt").toFile();
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        builder.environment()
                .put("RETAIN_DB_URL", dataSource.unwrap(HikariDataSource.class).getJdbcUrl());
        builder.environment()
                .put("RETAIN_DB_USER", dataSource.unwrap(HikariDataSource.class).getUsername());
        builder.environment()
                .put(
                        "RETAIN_DB_PASSWORD",
                        nullToEmpty(dataSource.unwrap(HikariDataSource.class).getPassword()));
        builder.environment().put("RETAIN_DATA_DIR", directory.resolve("data").toString());
        // the same installation as the test server: its personal-data keys
        builder.environment()
                .put(
                        "RETAIN_PERSONAL_DATA_KEY_FILE",
                        Path.of("target/test-keys/personal-data.keys")
                                .toAbsolutePath()
                                .toString());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
