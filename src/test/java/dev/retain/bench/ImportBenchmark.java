package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.demo.DemoDataGenerator;
import dev.retain.demo.DemoExport;
import dev.retain.ingest.ImportJob;
import dev.retain.ingest.ImportJobs;
import dev.retain.ingest.ImportJobs.ImportRequest;
import dev.retain.ingest.ImportKind;
import dev.retain.ingest.ImportOptions;
import dev.retain.ingest.MappingText;
import dev.retain.platform.apikeys.ApiKeys;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import javax.sql.DataSource;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Imports the demo company's orders (about 10 per customer, ~2% dirty rows) end to end and compares it with a plain
 * {@code COPY} of the same file into an unindexed table, in the same run on the same database. Run by
 * {@code bench/import}; prints figures and, last, one line of key=value pairs.
 */
public final class ImportBenchmark {

    public static void main(String[] args) throws Exception {
        int customers = args.length > 1 && args[0].equals("--customers") ? Integer.parseInt(args[1]) : 100_000;
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-import")));
        Path file = work.resolve("orders.csv");
        long started = System.nanoTime();
        var written = DemoExport.writeOrdersCsv(
                file, 42, customers, LocalDate.of(2026, 11, 1), ZoneId.of("Asia/Shanghai"), 0.02);
        System.out.printf(
                "generated %,d order rows (%,d dirty) for %,d customers in %.1f s, %,d MB%n",
                written.rows(), written.dirtyRows(), customers, seconds(started), Files.size(file) >> 20);

        var context = new SpringApplicationBuilder(RetainApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "retain.db.embedded.clean-start=true",
                        "retain.imports.worker.enabled=false",
                        "logging.level.root=WARN",
                        "logging.level.dev.retain.ingest=DEBUG")
                .run("--server.port=0", "--retain.data-dir=" + work.resolve("data"));
        try {
            double copySeconds = rawCopy(context.getBean(DataSource.class), file);
            System.out.printf("raw COPY into an unindexed table: %.2f s%n", copySeconds);
            double floorSeconds = storeFloor(context.getBean(DataSource.class));
            System.out.printf(
                    "the copied rows inserted as they are into an empty table like orders, with its indexes: %.2f s;"
                            + " no importer storing orders can exceed ratio_to_copy=%.2f on this machine%n",
                    floorSeconds, copySeconds / floorSeconds);

            var jobs = context.getBean(ImportJobs.class);
            HeapPeaks.reset();
            long importStarted = System.nanoTime();
            ImportJob job;
            try (var content = Files.newInputStream(file)) {
                job = jobs.submit(
                        new ImportRequest(
                                ImportKind.ORDERS,
                                "erp",
                                "orders.csv",
                                MappingText.parse(DemoExport.ORDERS_MAPPING),
                                ImportOptions.defaults()),
                        content);
            }
            job = jobs.runNow(job.id());
            double importSeconds = seconds(importStarted);
            long peakHeapMb = HeapPeaks.peakBytes() >> 20;
            System.out.printf(
                    "import %s in %.2f s: read %,d, imported %,d, merged %,d, rejected %,d%n",
                    job.status(),
                    importSeconds,
                    job.rowsRead(),
                    job.rowsImported(),
                    job.rowsMerged(),
                    job.rowsRejected());
            if (job.error() != null) {
                System.out.println("error: " + job.error());
            }
            double rowsPerSecond = written.rows() / importSeconds;
            double copyRowsPerSecond = written.rows() / copySeconds;
            Path xlsx = work.resolve("orders.xlsx");
            long xlsxRows = writeXlsx(file, xlsx);
            HeapPeaks.reset();
            long xlsxStarted = System.nanoTime();
            ImportJob xlsxJob;
            try (var content = Files.newInputStream(xlsx)) {
                xlsxJob = jobs.submit(
                        new ImportRequest(
                                ImportKind.ORDERS,
                                "erp_xlsx",
                                "orders.xlsx",
                                MappingText.parse(DemoExport.ORDERS_MAPPING),
                                ImportOptions.defaults()),
                        content);
            }
            xlsxJob = jobs.runNow(xlsxJob.id());
            double xlsxSeconds = seconds(xlsxStarted);
            peakHeapMb = Math.max(peakHeapMb, HeapPeaks.peakBytes() >> 20);
            System.out.printf(
                    "XLSX import (%,d rows, %,d MB) %s in %.2f s: %,.0f rows/s; peak heap so far %d MB%n",
                    xlsxRows,
                    Files.size(xlsx) >> 20,
                    xlsxJob.status(),
                    xlsxSeconds,
                    xlsxJob.rowsRead() / xlsxSeconds,
                    peakHeapMb);
            double eventsPerSecond = bulkEvents(context);
            System.out.printf(
                    "rows_per_s=%.0f copy_rows_per_s=%.0f ratio_to_copy=%.2f peak_heap_mb=%d events_per_s=%.0f%n",
                    rowsPerSecond, copyRowsPerSecond, rowsPerSecond / copyRowsPerSecond, peakHeapMb, eventsPerSecond);
        } finally {
            context.close();
        }
    }

    /** The same orders as an XLSX workbook, written as a stream (what a big Excel export looks like). */
    private static long writeXlsx(Path csv, Path xlsx) throws Exception {
        long rows = 0;
        try (var workbook = new SXSSFWorkbook(100);
                var lines = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            var sheet = workbook.createSheet("orders");
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                var row = sheet.createRow((int) rows++);
                String[] cells = line.split(",", -1);
                for (int i = 0; i < cells.length; i++) {
                    row.createCell(i).setCellValue(cells[i]);
                }
            }
            try (var out = Files.newOutputStream(xlsx)) {
                workbook.write(out);
            }
        }
        return rows - 1;
    }

    /** Sends the demo company's events to {@code POST /api/v1/events/bulk} over HTTP, 10,000 per request. */
    private static double bulkEvents(ConfigurableApplicationContext context) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        String token = context.getBean(ApiKeys.class)
                .create("bench", java.util.Set.of(dev.retain.platform.Role.ADMIN))
                .token();
        var batches = new ArrayList<String>();
        var batch = new StringBuilder();
        int[] inBatch = {0};
        new DemoDataGenerator(7, 50_000, LocalDate.of(2026, 11, 1), ZoneId.of("Asia/Shanghai"))
                .forEachCustomer(history -> history.events().forEach(event -> {
                    batch.append("{\"customer_id\":\"C")
                            .append(event.customerId())
                            .append("\",\"event_type\":\"")
                            .append(event.type())
                            .append("\",\"occurred_at\":\"")
                            .append(event.occurredAt())
                            .append("\"}\n");
                    if (++inBatch[0] == 10_000) {
                        batches.add(batch.toString());
                        batch.setLength(0);
                        inBatch[0] = 0;
                    }
                }));
        var http = HttpClient.newHttpClient();
        long events = 0;
        long started = System.nanoTime();
        for (String body : batches) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events/bulk?source=bench"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "bulk events answered " + response.statusCode() + ": " + response.body());
            }
            events += 10_000;
        }
        double seconds = seconds(started);
        System.out.printf("bulk API: %,d events in %d requests in %.2f s%n", events, batches.size(), seconds);
        return events / seconds;
    }

    private static double rawCopy(DataSource dataSource, Path file) throws Exception {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("drop table if exists bench_raw_copy");
                statement.execute("create table bench_raw_copy (invoice_no text, customer_id text, invoice_date text,"
                        + " total text, currency text, status text, coupon text)");
            }
            long started = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY bench_raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
            }
            return seconds(started);
        }
    }

    /**
     * The least any importer of this file must spend: the rows copied above, already parsed, inserted in one statement
     * into an empty table made like {@code orders} with its indexes (each row an order of a customer named by its id).
     * No reading, cleansing, identity resolution or order lines are in it.
     */
    private static double storeFloor(DataSource dataSource) throws Exception {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("create table bench_floor_orders (like orders including all)");
            long started = System.nanoTime();
            statement.execute("""
                    insert into bench_floor_orders (customer_id, source, external_id, ordered_at, status, currency,
                                                    amount, base_amount, coupon_code, created_at)
                    select abs(hashtext(coalesce(customer_id, ''))), 'erp',
                           coalesce(invoice_no, '') || '#' || row_number() over (), now(), 'PAID', 'CNY', 0, 0,
                           nullif(coupon, ''), now()
                    from bench_raw_copy""");
            double elapsed = seconds(started);
            statement.execute("drop table bench_floor_orders, bench_raw_copy");
            return elapsed;
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
