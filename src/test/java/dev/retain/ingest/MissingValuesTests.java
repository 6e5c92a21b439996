package dev.retain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retain.ingest.cleansing.DateReader;
import dev.retain.ingest.cleansing.DayMonthOrder;
import dev.retain.ingest.files.TableReader;
import dev.retain.ingest.files.TableReaders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** What exports write for "unknown" is missing in every field, read from a real file through the cleansing. */
class MissingValuesTests {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {"NA", "na", "N/A", "n/a", "#N/A", "null", "NULL", "None", "NONE", "-", "无", "空", "", "   ", "ＮＡ"
            })
    void aPlaceholderIsNoValueInAnyField(String placeholder) throws IOException {
        Path file = ImportFiles.csv(directory, "customers.csv", """
                CustomerID,Phone,Email,Name,City
                "%1$s",13800138000,"%1$s","%1$s","%1$s"
                """.formatted(placeholder));

        RowCleanser.Cleansed row = firstRow(
                file, ImportKind.CUSTOMERS, "customer_id=CustomerID,phone=Phone,email=Email,name=Name,city=City");

        assertThat(row.problems()).isEmpty();
        assertThat(valueOf(row, "customer_id")).isNull();
        assertThat(valueOf(row, "email")).isNull();
        assertThat(valueOf(row, "name")).isNull();
        assertThat(valueOf(row, "city")).isNull();
        assertThat(valueOf(row, "phone")).isEqualTo("+8613800138000");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"NA", "N/A", "#N/A", "null", "None", "-", "无", "空", ""})
    void anOrderWhoseCustomerIsAPlaceholderIsRejectedForHavingNone(String placeholder) throws IOException {
        Path file = ImportFiles.csv(directory, "orders.csv", """
                InvoiceNo,InvoiceDate,Total,CustomerID
                536544,2026-01-05,10,"%1$s"
                """.formatted(placeholder));

        RowCleanser.Cleansed row = firstRow(
                file,
                ImportKind.ORDERS,
                "order_id=InvoiceNo,order_date=InvoiceDate,amount=Total,customer_id=CustomerID");

        assertThat(row.values()[1])
                .isEqualTo("customer_id: no customer identity: customer id, phone and email are all missing");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"NAN", "Nadia", "--", "无锡", "0"})
    void wordsThatOnlyLookLikePlaceholdersAreValues(String value) throws IOException {
        Path file = ImportFiles.csv(directory, "customers.csv", "CustomerID,Name\nC1,\"%s\"\n".formatted(value));

        RowCleanser.Cleansed row = firstRow(file, ImportKind.CUSTOMERS, "customer_id=CustomerID,name=Name");

        assertThat(valueOf(row, "name")).isEqualTo(value);
    }

    private static RowCleanser.Cleansed firstRow(Path file, ImportKind kind, String mapping) throws IOException {
        try (TableReader reader = TableReaders.open(file)) {
            var cleanser = new RowCleanser(
                    kind,
                    ColumnMapping.of(kind, MappingText.parse(mapping), reader.headers()),
                    reader.headers(),
                    new DateReader(ZoneId.of("Asia/Shanghai"), DayMonthOrder.MONTH_FIRST),
                    "CN",
                    "CNY",
                    Set.of("CNY"),
                    JsonMapper.builder().build());
            return cleanser.cleanse(2, reader.next());
        }
    }

    private static Object valueOf(RowCleanser.Cleansed row, String field) {
        return row.values()[RowCleanser.stagedColumnOf(field)];
    }
}
