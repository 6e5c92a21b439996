package dev.retain.ingest.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellLengthLimitTests {

    @TempDir
    Path dir;

    @Test
    void aCsvRowWithACellOverTheLimitIsRefusedNamingRowAndColumnAndTheRowsAfterItAreRead() throws IOException {
        String text = "id,note\n1,short\n2," + "x".repeat(101) + "\n3,after\n";
        try (var reader = CsvTableReader.open(stream(text), text.length(), UTF_8, 100)) {
            assertThat(reader.next()).containsExactly("1", "short");
            assertThat(reader.rowProblem()).isNull();

            String[] refused = reader.next();
            assertThat(reader.rowNumber()).isEqualTo(3);
            assertThat(reader.rowProblem())
                    .isEqualTo("row 3 has a cell longer than 100 characters, the limit (column note)");
            assertThat(refused).containsExactly("2", "x".repeat(100) + "…");

            assertThat(reader.next()).containsExactly("3", "after");
            assertThat(reader.rowProblem()).isNull();
        }
    }

    @Test
    void aCellAtTheLimitIsRead() throws IOException {
        String text = "id,note\n1,\"" + "y".repeat(100) + "\"\n";
        try (var reader = CsvTableReader.open(stream(text), text.length(), UTF_8, 100)) {
            assertThat(reader.next()[1]).hasSize(100);
            assertThat(reader.rowProblem()).isNull();
        }
    }

    /** Ten million characters in one quoted cell: skipped as they are read, and the row after is read as usual. */
    @Test
    void aHugeQuotedCellSpanningManyBuffersIsSkippedAndTheNextRowRead() throws IOException {
        InputStream huge = concat("id,note,after\n1,\"open", 'z', 10_000_000, "\",kept\n2,next,row\n");
        try (var reader = CsvTableReader.open(huge, -1, UTF_8, 200_000)) {
            String[] refused = reader.next();
            assertThat(reader.rowProblem())
                    .isEqualTo("row 2 has a cell longer than 200,000 characters, the limit (column note)");
            assertThat(refused[1]).startsWith("openzzz").endsWith("…").hasSize(101);
            assertThat(refused[2]).isEqualTo("kept");

            assertThat(reader.next()).containsExactly("2", "next", "row");
            assertThat(reader.rowProblem()).isNull();
            assertThat(reader.rowNumber()).isEqualTo(3);
        }
    }

    /** A quote left open swallows the rest of the file: the file fails, as nothing after it can be trusted. */
    @Test
    void anUnclosedQuoteRunningToTheEndOfTheFileFailsIt() throws IOException {
        InputStream endless = concat("id,note\n1,\"open", 'z', 10_000_000, "");
        try (var reader = CsvTableReader.open(endless, -1, UTF_8, 200_000)) {
            assertThatThrownBy(reader::next)
                    .isInstanceOf(UnreadableFileException.class)
                    .hasMessageContaining("row 2 has a cell longer than 200,000 characters")
                    .hasMessageContaining("quote left open");
        }
    }

    @Test
    void aNulCharacterRefusesItsRow() throws IOException {
        String text = "id,note\n1,a\u0000b\n2,fine\n";
        try (var reader = CsvTableReader.open(stream(text), text.length(), UTF_8, 100)) {
            reader.next();
            assertThat(reader.rowProblem())
                    .isEqualTo("row 2 has a NUL character (\\u0000) in column note, which text cannot hold");
            assertThat(reader.next()).containsExactly("2", "fine");
            assertThat(reader.rowProblem()).isNull();
        }
    }

    @Test
    void aRowWithMoreCellsThanASheetHasColumnsIsRefusedAndKeptBounded() throws IOException {
        String text = "id,note\n" + ",x".repeat(20_000) + "\n2,fine\n";
        try (var reader = CsvTableReader.open(stream(text), text.length(), UTF_8, 10_000)) {
            assertThat(reader.next()).hasSize(16_384);
            assertThat(reader.rowProblem()).isEqualTo("row 2 has more than 16,384 cells, the limit");
            assertThat(reader.next()).containsExactly("2", "fine");
        }
    }

    @Test
    void aRowOfManyLongCellsIsRefusedPastSixteenCellsAtTheLimit() throws IOException {
        String text = "id,note\n" + ("," + "w".repeat(100)).repeat(17) + "\n2,fine\n";
        try (var reader = CsvTableReader.open(stream(text), text.length(), UTF_8, 100)) {
            reader.next();
            assertThat(reader.rowProblem()).isEqualTo("row 2 is longer than 1,600 characters, the limit");
            assertThat(reader.next()).containsExactly("2", "fine");
        }
    }

    @Test
    void anOverlongHeaderFailsTheFile() {
        String text = "id," + "h".repeat(101) + "\n1,2\n";
        assertThatThrownBy(() -> CsvTableReader.open(stream(text), text.length(), UTF_8, 100))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("the header row cannot be read: row 1 has a cell longer than 100 characters, the limit"
                        + " (column column 2)");
    }

    @Test
    void anXlsxRowWithASharedStringOverTheLimitIsRefusedAndTheRowsAfterItAreRead() throws IOException {
        Path file = dir.resolve("long.xlsx");
        try (var workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("note");
            sheet.createRow(1).createCell(0).setCellValue("short");
            sheet.createRow(2).createCell(0).setCellValue("x".repeat(5000));
            sheet.createRow(3).createCell(0).setCellValue("after");
            workbook.write(out);
        }

        try (TableReader reader = TableReaders.open(file, 100)) {
            assertThat(reader.next()).containsExactly("short");
            assertThat(reader.next()).containsExactly("x".repeat(100) + "…");
            assertThat(reader.rowProblem())
                    .isEqualTo("row 3 has a cell longer than 100 characters, the limit (column note)");
            assertThat(reader.next()).containsExactly("after");
            assertThat(reader.rowProblem()).isNull();
        }
    }

    @Test
    void anXlsxRowWithAnInlineStringOverTheLimitIsRefused() throws IOException {
        Path file = dir.resolve("inline.xlsx");
        // The streaming workbook writes text as inline strings, not shared ones.
        try (var workbook = new SXSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("note");
            sheet.createRow(1).createCell(0).setCellValue("y".repeat(300));
            sheet.createRow(2).createCell(0).setCellValue("fine");
            workbook.write(out);
            workbook.dispose();
        }

        try (TableReader reader = TableReaders.open(file, 100)) {
            reader.next();
            assertThat(reader.rowProblem())
                    .isEqualTo("row 2 has a cell longer than 100 characters, the limit (column note)");
            assertThat(reader.next()).containsExactly("fine");
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }

    /** {@code head}, then {@code repeated} {@code count} times, then {@code tail}, made as it is read. */
    private static InputStream concat(String head, char repeated, long count, String tail) {
        byte[] start = head.getBytes(UTF_8);
        byte[] end = tail.getBytes(UTF_8);
        return new InputStream() {
            private long served;

            @Override
            public int read() {
                long i = served++;
                if (i < start.length) {
                    return start[(int) i];
                }
                i -= start.length;
                if (i < count) {
                    return repeated;
                }
                i -= count;
                return i < end.length ? end[(int) i] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c < 0) {
                        return n == 0 ? -1 : n;
                    }
                    b[off + n++] = (byte) c;
                }
                return n;
            }
        };
    }
}
