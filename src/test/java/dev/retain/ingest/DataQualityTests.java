package dev.retain.ingest;

import static dev.retain.ingest.ImportFiles.csv;
import static dev.retain.ingest.ImportFiles.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.IntegrationTest;
import dev.retain.ingest.ImportJobs.ImportRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class DataQualityTests {

    private static final String MAPPING = "customer_id=CustomerID,order_date=InvoiceDate,amount=Total";

    @Autowired
    ImportJobs jobs;

    @Autowired
    DataQuality dataQuality;

    @TempDir
    Path directory;

    @Test
    void aCleanImportRaisesNoAlert() throws IOException {
        ImportJob job = importOrders("s" + unique(), rows(unique(), 3, "2026-01-05", "10"));

        assertThat(dataQuality.ofJob(job.id())).isEmpty();
    }

    @Test
    void manyRejectedRowsRaiseAnAlertUntilSomeoneAcknowledgesIt() throws IOException {
        String c = unique();
        ImportJob job = importOrders("s" + unique(), rows(c, 2, "2026-01-05", "10") + rows(c, 1, "2026-01-05", "lots"));

        List<DataQualityAlert> alerts = dataQuality.ofJob(job.id());
        assertThat(alerts).extracting(DataQualityAlert::kind).containsExactly("REJECTED_SHARE");
        assertThat(alerts.get(0).message()).isEqualTo("1 of 3 rows were rejected (33.3%)");
        assertThat(dataQuality.open())
                .extracting(DataQualityAlert::id)
                .contains(alerts.get(0).id());

        dataQuality.acknowledge(alerts.get(0).id());

        assertThat(dataQuality.open())
                .extracting(DataQualityAlert::id)
                .doesNotContain(alerts.get(0).id());
    }

    @Test
    void anImportFarSmallerThanTheSourcesPreviousOneRaisesAnAlert() throws IOException {
        String source = "s" + unique();
        importOrders(source, rows(unique(), 10, "2026-01-05", "10"));

        ImportJob smaller = importOrders(source, rows(unique(), 2, "2026-01-06", "10"));

        assertThat(dataQuality.ofJob(smaller.id()))
                .extracting(DataQualityAlert::message)
                .containsExactly("2 rows, far fewer than the 10 of the previous import from " + source);
    }

    @Test
    void datesInTheFutureRaiseAnAlert() throws IOException {
        ImportJob job = importOrders("s" + unique(), rows(unique(), 2, "2099-01-01", "10"));

        assertThat(dataQuality.ofJob(job.id()))
                .extracting(DataQualityAlert::message)
                .containsExactly("2 rows have dates in the future");
    }

    private static String rows(String customer, int count, String date, String amount) {
        return IntStream.range(0, count)
                .mapToObj(i -> customer + "-" + i + "," + date + " 1" + i % 10 + ":00," + amount + "\n")
                .collect(Collectors.joining());
    }

    private ImportJob importOrders(String source, String rows) throws IOException {
        Path file = csv(directory, "orders-" + unique() + ".csv", "CustomerID,InvoiceDate,Total\n" + rows);
        try (var content = Files.newInputStream(file)) {
            ImportJob job = jobs.submit(
                    new ImportRequest(
                            ImportKind.ORDERS,
                            source,
                            file.getFileName().toString(),
                            MappingText.parse(MAPPING),
                            ImportOptions.defaults()),
                    content);
            return jobs.runNow(job.id());
        }
    }
}
