package dev.retain.ingest.files;

import static dev.retain.ingest.files.Fixtures.rows;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTableReaderTests {

    @TempDir
    Path dir;

    @Test
    void aGbkCustomerListExportedFromExcelReadsWithoutBeingToldTheCharset() throws IOException {
        try (TableReader reader = TableReaders.open(Fixtures.copy("customers-gbk.csv", dir))) {
            assertThat(reader.headers()).containsExactly("客户名称", "手机号", "邮箱", "城市", "注册时间");
            List<List<String>> rows = new ArrayList<>();
            List<Long> rowNumbers = new ArrayList<>();
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                rows.add(List.of(row));
                rowNumbers.add(reader.rowNumber());
            }
            assertThat(rows).hasSize(10);
            assertThat(rows.get(0)).containsExactly("张伟", "13812345678", "zhangwei@example.com", "北京", "2024-01-05");
            assertThat(rows.get(2).get(0)).isEqualTo("李娜,李娜工作室");
            assertThat(rows.get(4).get(3)).isEqualTo("杭州\r\n西湖区");
            assertThat(rows.get(9)).containsExactly("吴霞", "13000008888", "wuxia@example.com", "重庆", "2024-05-30");
            assertThat(rowNumbers).containsExactly(2L, 3L, 4L, 5L, 6L, 8L, 9L, 10L, 11L, 12L);
        }
    }

    @Test
    void aUtf8FileWithBomAndSemicolonsKeepsDecimalCommasAndEscapedQuotes() throws IOException {
        try (CsvTableReader reader =
                (CsvTableReader) TableReaders.open(Fixtures.copy("customers-utf8-bom-semicolon.csv", dir))) {
            assertThat(reader.delimiter()).isEqualTo(';');
            assertThat(reader.headers()).containsExactly("客户名称", "手机号", "邮箱", "累计消费", "备注");
            assertThat(rows(reader))
                    .containsExactly(
                            List.of("张伟", "13812345678", "zhangwei@example.com", "1234,50", "老客户; 喜欢 \"新品\""),
                            List.of("王芳", "13987654321", "wangfang@example.cn", "88,00", ""),
                            List.of("李娜", "13700001111", "lina@example.com", "0", "VIP"));
        }
    }

    @Test
    void aTabSeparatedOrderExportSkipsItsBlankLine() throws IOException {
        try (CsvTableReader reader = (CsvTableReader) TableReaders.open(Fixtures.copy("orders.tsv", dir))) {
            assertThat(reader.delimiter()).isEqualTo('\t');
            assertThat(reader.headers()).containsExactly("订单号", "客户手机", "商品", "数量", "金额", "下单时间");
            assertThat(reader.next())
                    .containsExactly("SO20240105001", "13812345678", "保温杯 500ml", "2", "198.00", "2024-01-05 10:23:45");
            assertThat(reader.next()[2]).isEqualTo("蓝牙耳机, 白色");
            assertThat(reader.next()[0]).isEqualTo("SO20240106001");
            assertThat(reader.rowNumber()).isEqualTo(5);
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-8 BOM", "GBK", "GB18030", "UTF-16LE BOM", "UTF-16BE BOM"})
    void theCharsetIsDetectedFromTheBytes(String encoding) throws IOException {
        String text = "姓名,城市,备注\n张三,北京,“引号”€\n李四,乌鲁木齐,\n";
        byte[] bytes;
        if (encoding.endsWith(" BOM")) {
            Charset charset = Charset.forName(encoding.substring(0, encoding.length() - 4));
            bytes = concat("\uFEFF".getBytes(charset), text.getBytes(charset));
        } else {
            bytes = text.getBytes(Charset.forName(encoding));
        }
        try (CsvTableReader reader = open(bytes, null)) {
            assertThat(reader.headers()).containsExactly("姓名", "城市", "备注");
            assertThat(rows(reader)).containsExactly(List.of("张三", "北京", "“引号”€"), List.of("李四", "乌鲁木齐", ""));
        }
    }

    @Test
    void aUtf8CharacterCutByTheEndOfTheSniffedWindowStillCountsAsUtf8() throws IOException {
        String padding = "x".repeat(CsvTableReader.SNIFF_BYTES - "name\n".length() - 1);
        byte[] bytes = ("name\n" + padding + "中文\n").getBytes(UTF_8);
        try (CsvTableReader reader = open(bytes, null)) {
            assertThat(reader.next()).containsExactly(padding + "中文");
        }
    }

    @Test
    void aGivenCharsetOverridesDetection() throws IOException {
        byte[] latin1 = "name,city\nJosé,Zürich\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CsvTableReader reader = open(latin1, StandardCharsets.ISO_8859_1)) {
            assertThat(reader.next()).containsExactly("José", "Zürich");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", "|"})
    void theDelimiterIsTheMostFrequentCandidateOnTheHeaderLine(String delimiter) throws IOException {
        String text = String.join(delimiter, "name", "phone", "note,with;others|too") + "\n"
                + String.join(delimiter, "张三", "13812345678", "x") + "\n";
        try (CsvTableReader reader = open(text)) {
            assertThat(reader.delimiter()).isEqualTo(delimiter.charAt(0));
            assertThat(reader.next()).containsExactly("张三", "13812345678", "x");
        }
    }

    @Test
    void delimitersInsideQuotedHeadersDoNotCount() throws IOException {
        try (CsvTableReader reader = open("\"a;b;c\",\"d;e\",f\n1,2,3\n")) {
            assertThat(reader.delimiter()).isEqualTo(',');
            assertThat(reader.headers()).containsExactly("a;b;c", "d;e", "f");
        }
    }

    @Test
    void aSingleColumnFileIsCommaSeparated() throws IOException {
        try (CsvTableReader reader = open("phone\n13812345678\n")) {
            assertThat(reader.delimiter()).isEqualTo(',');
            assertThat(reader.next()).containsExactly("13812345678");
        }
    }

    @Test
    void quotedFieldsHoldDelimitersQuotesAndNewlines() throws IOException {
        String text = "a,b,c,d\n" + "\"say \"\"hi\"\"\",\"x,y\",\"line 1\nline 2\r\nline 3\",\"\"\n";
        try (CsvTableReader reader = open(text)) {
            assertThat(reader.next()).containsExactly("say \"hi\"", "x,y", "line 1\nline 2\r\nline 3", "");
        }
    }

    @Test
    void unquotedCellsAreTrimmedButQuotedWhitespaceIsKept() throws IOException {
        try (CsvTableReader reader = open(" a , b ,c\n  张三 \u3000,\"  padded  \" ,  \"x, y\"  \n")) {
            assertThat(reader.headers()).containsExactly("a", "b", "c");
            assertThat(reader.next()).containsExactly("张三", "  padded  ", "x, y");
        }
    }

    @Test
    void aStrayQuoteInAnUnquotedCellIsKeptLiterally() throws IOException {
        try (CsvTableReader reader = open("product,size\n27\" monitor,5'6\"\n\"closed\"early,x\n")) {
            assertThat(reader.next()).containsExactly("27\" monitor", "5'6\"");
            assertThat(reader.next()).containsExactly("closedearly", "x");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void linesMayEndWithLfCrLfOrCr(String eol) throws IOException {
        String text = "name,phone" + eol + "张三,138" + eol + "李四,139" + eol + eol + "王五,137";
        try (CsvTableReader reader = open(text)) {
            assertThat(reader.next()).containsExactly("张三", "138");
            assertThat(reader.rowNumber()).isEqualTo(2);
            assertThat(reader.next()).containsExactly("李四", "139");
            assertThat(reader.rowNumber()).isEqualTo(3);
            assertThat(reader.next()).containsExactly("王五", "137");
            assertThat(reader.rowNumber()).isEqualTo(5);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void rowsWhoseCellsAreAllBlankAreSkipped() throws IOException {
        try (CsvTableReader reader = open("a,b\n\n , \n1,2\n,\n\"\",\"  \"\n3,4\n\n\n")) {
            assertThat(reader.next()).containsExactly("1", "2");
            assertThat(reader.rowNumber()).isEqualTo(4);
            assertThat(reader.next()).containsExactly("3", "4");
            assertThat(reader.rowNumber()).isEqualTo(7);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void emptyHeaderCellsAreNamedByPosition() throws IOException {
        try (CsvTableReader reader = open("\uFEFFname,, phone , \n")) {
            assertThat(reader.headers()).containsExactly("name", "column 2", "phone", "column 4");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void rowNumbersCountPhysicalLinesIncludingThoseInsideQuotes() throws IOException {
        try (CsvTableReader reader = open("\n\nname,address\r\n张三,\"北京市\r\n朝阳区\r\n\"\r\n李四,上海\r\n")) {
            assertThat(reader.rowNumber()).isEqualTo(3);
            reader.next();
            assertThat(reader.rowNumber()).isEqualTo(4);
            reader.next();
            assertThat(reader.rowNumber()).isEqualTo(7);
        }
    }

    @Test
    void raggedRowsHaveAsManyCellsAsWritten() throws IOException {
        try (CsvTableReader reader = open("a,b,c\n1\n1,2\n1,2,3,4\n1,2,\n")) {
            assertThat(rows(reader))
                    .containsExactly(
                            List.of("1"), List.of("1", "2"), List.of("1", "2", "3", "4"), List.of("1", "2", ""));
        }
    }

    @Test
    void theLastRowNeedsNoLineEnd() throws IOException {
        try (CsvTableReader reader = open("a,b\n1,\"2")) {
            assertThat(reader.next()).containsExactly("1", "2");
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n\n", " , \r\n\t\n"})
    void aFileWithoutAHeaderLineIsUnreadable(String text) {
        assertThatThrownBy(() -> open(text))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("the file is empty");
    }

    @Test
    void binaryDataIsNotTakenForText() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThatThrownBy(() -> open(png, null))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("binary");
    }

    @Test
    void progressOnlyMovesForwardAndEndsAtTheFileSize() throws IOException {
        StringBuilder text = new StringBuilder("id,name,phone,email,city,amount\n");
        for (int i = 0; i < 100_000; i++) {
            text.append(i).append(",客户").append(i).append(",138").append(i % 100_000_000);
            text.append(",c")
                    .append(i)
                    .append("@example.com,北京,")
                    .append(i * 3 / 2.0)
                    .append('\n');
        }
        byte[] bytes = text.toString().getBytes(UTF_8);
        try (CsvTableReader reader = open(bytes, null)) {
            assertThat(reader.totalBytes()).isEqualTo(bytes.length);
            long rowNumber = reader.rowNumber();
            long bytesRead = reader.bytesRead();
            int rows = 0;
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                assertThat(reader.rowNumber()).isGreaterThan(rowNumber);
                assertThat(reader.bytesRead()).isGreaterThanOrEqualTo(bytesRead).isLessThanOrEqualTo(bytes.length);
                rowNumber = reader.rowNumber();
                bytesRead = reader.bytesRead();
                rows++;
            }
            assertThat(rows).isEqualTo(100_000);
            assertThat(rowNumber).isEqualTo(100_001);
            assertThat(reader.bytesRead()).isEqualTo(bytes.length);
        }
    }

    /** Cells of every awkward shape, some longer than the read buffer, survive a write and read in any position. */
    @Test
    void randomCellsSurviveARoundTripAcrossBufferBoundaries() throws IOException {
        Random random = new Random(20240105);
        String[] pieces = {"a", "张", " ", ",", "\"", "\n", "\r\n", "\r", ";", "x\"y", "　", "€"};
        List<List<String>> expected = new ArrayList<>();
        List<Long> expectedLines = new ArrayList<>();
        StringBuilder text = new StringBuilder("c1,c2,c3,c4\r\n");
        long lines = 1;
        for (int r = 0; r < 3000; r++) {
            int cellCount = 1 + random.nextInt(5);
            List<String> row = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cellCount; c++) {
                StringBuilder cell = new StringBuilder(c == 0 ? "id" + r : "");
                int length = random.nextInt(100) == 0 ? 70_000 + random.nextInt(70_000) : random.nextInt(12);
                while (cell.length() < length) {
                    cell.append(pieces[random.nextInt(pieces.length)]);
                }
                String value = cell.toString();
                boolean mustQuote = value.matches("(?s).*[,\"\r\n].*") || !value.equals(value.strip());
                if (c > 0) {
                    line.append(',');
                }
                if (mustQuote || random.nextBoolean()) {
                    line.append('"').append(value.replace("\"", "\"\"")).append('"');
                } else {
                    line.append(value);
                }
                row.add(value);
            }
            expected.add(row);
            expectedLines.add(lines + 1);
            text.append(line);
            lines += lineBreaks(line);
            text.append(r % 3 == 0 ? "\n" : "\r\n");
            lines++;
        }
        byte[] bytes = text.toString().getBytes(UTF_8);
        // Cells longer than the buffer are the point here, so the cell limit is lifted.
        try (CsvTableReader reader =
                CsvTableReader.open(new ByteArrayInputStream(bytes), bytes.length, null, Integer.MAX_VALUE)) {
            for (int r = 0; r < expected.size(); r++) {
                assertThat(reader.next()).as("row %d", r).containsExactlyElementsOf(expected.get(r));
                assertThat(reader.rowNumber()).as("row %d", r).isEqualTo(expectedLines.get(r));
            }
            assertThat(reader.next()).isNull();
        }
    }

    private static long lineBreaks(CharSequence text) {
        long breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r'))) {
                breaks++;
            }
        }
        return breaks;
    }

    private static CsvTableReader open(String text) throws IOException {
        return open(text.getBytes(UTF_8), null);
    }

    private static CsvTableReader open(byte[] bytes, Charset charset) throws IOException {
        return CsvTableReader.open(new ByteArrayInputStream(bytes), bytes.length, charset);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
