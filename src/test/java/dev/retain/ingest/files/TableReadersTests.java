package dev.retain.ingest.files;

import static dev.retain.ingest.files.Fixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TableReadersTests {

    @TempDir
    Path dir;

    @Test
    void aWorkbookIsRecognisedByItsContentWhateverItIsCalled() throws IOException {
        Path file = Fixtures.copy("customers-libreoffice.xlsx", dir);
        Path renamed = Files.move(file, dir.resolve("customers.csv"));
        try (TableReader reader = TableReaders.open(renamed)) {
            assertThat(reader).isInstanceOf(XlsxTableReader.class);
            assertThat(rows(reader)).extracting(row -> row.get(0)).containsExactly("张伟", "王芳", "李娜");
        }
    }

    @Test
    void textNamedLikeAWorkbookIsReadAsCsv() throws IOException {
        Path file = dir.resolve("export.xlsx");
        Files.copy(Fixtures.copy("orders.tsv", dir), file);
        try (TableReader reader = TableReaders.open(file)) {
            assertThat(reader).isInstanceOf(CsvTableReader.class);
            assertThat(reader.headers()).startsWith("订单号", "客户手机");
            assertThat(reader.totalBytes()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void aGivenCharsetIsUsedForText() throws IOException {
        Path file = dir.resolve("big5.csv");
        Files.write(file, "姓名,電話\n陳大文,0912345678\n".getBytes(Charset.forName("Big5")));
        try (TableReader reader = TableReaders.open(file, Charset.forName("Big5"))) {
            assertThat(reader.headers()).containsExactly("姓名", "電話");
            assertThat(rows(reader)).containsExactly(List.of("陳大文", "0912345678"));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html><body><table><tr><td>客户</td></tr></table></body></html>",
                "\uFEFF\r\n<table border=1><tr><td>客户</td></tr></table>",
                "<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"/>"
            })
    void anHtmlOrXmlPageNamedXlsIsRejected(String content) throws IOException {
        Path file = dir.resolve("订单导出.xls");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TableReaders.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("save it as .xlsx");
    }

    @Test
    void anEmptyFileIsUnreadable() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.csv"));
        assertThatThrownBy(() -> TableReaders.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("the file is empty");
    }
}
