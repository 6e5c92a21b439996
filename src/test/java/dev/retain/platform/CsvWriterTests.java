package dev.retain.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvWriterTests {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"})
    void aTextCellThatASpreadsheetWouldRunIsPrefixedWithAQuoteAndQuoted(String text) {
        String expected = "\"'" + text.replace("\"", "\"\"") + "\"";

        assertThat(CsvWriter.cell(text)).isEqualTo(expected);
    }

    @Test
    void aHyperlinkFormulaComesOutAsText() {
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://x\",\"y\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-12.50", "+3", "-.5", "-1e5", "42"})
    void textThatIsOnlyASignedNumberStaysANumber(String text) {
        assertThat(CsvWriter.cell(text)).isEqualTo(text);
    }

    @Test
    void numbersAreWrittenAsNumbersEvenWhenNegative() {
        assertThat(CsvWriter.cell(new BigDecimal("-12.50"))).isEqualTo("-12.50");
        assertThat(CsvWriter.cell(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(CsvWriter.cell(-7L)).isEqualTo("-7");
        assertThat(CsvWriter.cell(-0.25)).isEqualTo("-0.25");
    }

    @Test
    void aFormulaCharacterLaterInTheCellIsHarmless() {
        assertThat(CsvWriter.cell("a=1")).isEqualTo("a=1");
        assertThat(CsvWriter.cell("138-0013-8000")).isEqualTo("138-0013-8000");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAsRfc4180Says() {
        assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvWriter.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(CsvWriter.cell("上海市")).isEqualTo("上海市");
    }

    @Test
    void nullsAndEmptyTextAreEmptyCells() {
        var out = new StringWriter();

        CsvWriter.to(out).row("a", null, "", 1).row(Arrays.asList(null, "b")).flush();

        assertThat(out).hasToString("a,,,1\r\n,b\r\n");
    }

    @Test
    void excelFilesStartWithAByteOrderMarkAndEndRowsWithCrLf() {
        var bytes = new ByteArrayOutputStream();

        CsvWriter.forExcel(bytes).row("客户", "=1+1").flush();

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF客户,\"'=1+1\"\r\n");
    }
}
