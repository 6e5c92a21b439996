package dev.retain.ingest.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellLengthLimitTests {

    @TempDir
    Path dir;

    @Test
    void aCsvCellOverTheLimitIsRefusedNamingItsRow() throws IOException {
        String text = "id,note\n1,short\n2," + "x".repeat(101) + "\n3,after\n";
        try (var reader = CsvTableReader.open(stream(text), text.length(), UTF_8, 100)) {
            assertThat(reader.next()).containsExactly("1", "short");
            assertThatThrownBy(reader::next)
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageStartingWith("row 3 has a cell longer than 100 characters, the limit");
        }
    }

    @Test
    void aCellAtTheLimitIsRead() throws IOException {
        String text = "id,note\n1,\"" + "y".repeat(100) + "\"\n";
        try (var reader = CsvTableReader.open(stream(text), text.length(), UTF_8, 100)) {
            assertThat(reader.next()[1]).hasSize(100);
        }
    }

    /** A quote left open swallows the rest of the file; it is stopped at the limit, not after reading it all. */
    @Test
    void anUnclosedQuoteSpanningBuffersIsStoppedAtTheLimit() throws IOException {
        long[] served = {0};
        InputStream endless = new InputStream() {
            private final byte[] head = "id,note\n1,\"open".getBytes(UTF_8);

            @Override
            public int read() {
                return served[0] < head.length ? head[(int) served[0]++] : next();
            }

            private int next() {
                return served[0]++ < 10_000_000 ? 'z' : -1;
            }
        };
        try (var reader = CsvTableReader.open(endless, -1, UTF_8, 200_000)) {
            assertThatThrownBy(reader::next)
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("row 2 has a cell longer than 200,000 characters")
                    .hasMessageContaining("quote left open");
        }
        assertThat(served[0]).isLessThan(1_000_000);
    }

    @Test
    void anXlsxCellOverTheLimitIsRefusedNamingItsRow() throws IOException {
        Path file = dir.resolve("long.xlsx");
        try (var workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("note");
            sheet.createRow(1).createCell(0).setCellValue("short");
            sheet.createRow(2).createCell(0).setCellValue("x".repeat(101));
            workbook.write(out);
        }

        try (TableReader reader = TableReaders.open(file, 100)) {
            assertThat(reader.next()).containsExactly("short");
            assertThatThrownBy(reader::next)
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessage("row 3 has a cell longer than 100 characters, the limit");
        }
    }

    private static InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(UTF_8));
    }
}
