package dev.retain.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxTableReaderTests {

    @TempDir
    Path dir;

    /** Authored as customers-libreoffice.fods and saved with {@code soffice --headless --convert-to xlsx}. */
    @Test
    void aLibreOfficeWorkbookReadsAsTheUserSeesIt() throws IOException {
        try (XlsxTableReader reader = XlsxTableReader.open(Fixtures.copy("customers-libreoffice.xlsx", dir))) {
            assertThat(reader.headers())
                    .containsExactly("客户名称", "手机号", "注册日期", "最近下单", "累计消费", "订单数", "会员", "客单价", "column 9", "生日");
            assertThat(reader.next())
                    .containsExactly(
                            "张伟",
                            "13812345678",
                            "2024-01-05",
                            "2024-06-18 20:15:30",
                            "1234.5",
                            "12",
                            "TRUE",
                            "102.875",
                            "备注一",
                            "1990-03-15");
            assertThat(reader.rowNumber()).isEqualTo(2);
            assertThat(reader.next())
                    .containsExactly("王芳", "13987654321", "2024-02-29", "", "0.3", "1", "FALSE", "0.3");
            assertThat(reader.next())
                    .containsExactly(
                            "李娜",
                            "013700001111",
                            "2023-12-31",
                            "2024-01-01 08:00:00",
                            "-15.25",
                            "0",
                            "TRUE",
                            "无订单",
                            "  前后有空格  ");
            assertThat(reader.rowNumber()).isEqualTo(5);
            assertThat(reader.next()).as("the second sheet is not read").isNull();
            assertThat(reader.bytesRead()).isPositive().isLessThanOrEqualTo(reader.totalBytes());
        }
    }

    @Test
    void aLargeSheetStreamsThroughRowByRow() throws IOException {
        int rows = 200_000;
        Path file = dir.resolve("large.xlsx");
        LocalDate firstDay = LocalDate.of(2024, 1, 1);
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100);
                OutputStream out = Files.newOutputStream(file)) {
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = workbook.createSheet("客户");
            Row header = sheet.createRow(0);
            String[] names = {"编号", "客户名称", "手机号", "累计消费", "注册日期"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(r);
                row.createCell(1).setCellValue("客户" + r);
                row.createCell(2).setCellValue(String.valueOf(13_800_000_000L + r));
                row.createCell(3).setCellValue(r * 1.5);
                Cell date = row.createCell(4);
                date.setCellValue(firstDay.plusDays(r % 366));
                date.setCellStyle(dateStyle);
            }
            workbook.write(out);
        }

        try (TableReader reader = TableReaders.open(file)) {
            assertThat(reader.headers()).containsExactly("编号", "客户名称", "手机号", "累计消费", "注册日期");
            assertThat(reader.next()).containsExactly("1", "客户1", "13800000001", "1.5", "2024-01-02");
            String[] last = null;
            long count = 1;
            long bytesRead = reader.bytesRead();
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                last = row;
                count++;
                assertThat(reader.bytesRead()).isGreaterThanOrEqualTo(bytesRead);
                bytesRead = reader.bytesRead();
            }
            assertThat(count).isEqualTo(rows);
            assertThat(reader.rowNumber()).isEqualTo(rows + 1);
            assertThat(last)
                    .containsExactly(
                            "200000",
                            "客户200000",
                            "13800200000",
                            "300000",
                            firstDay.plusDays(200_000 % 366).toString());
            assertThat(reader.bytesRead())
                    .isLessThanOrEqualTo(reader.totalBytes())
                    .isGreaterThan(0);
            assertThat(reader.totalBytes()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void numbersReadWithoutExponentsOrTrailingZerosAndGapsAreKept() throws IOException {
        Path file = write(sheet -> {
            Row header = sheet.createRow(0);
            for (int c = 0; c < 8; c++) {
                header.createCell(c).setCellValue("h" + c);
            }
            Row numbers = sheet.createRow(1);
            double[] values = {12.0, 12.5, 13812345678.0, 0.1 + 0.2, 1e20, -0.0, 1234567.891, 1e-7};
            for (int c = 0; c < values.length; c++) {
                numbers.createCell(c).setCellValue(values[c]);
            }
            Row gaps = sheet.createRow(3);
            gaps.createCell(1).setCellValue("b");
            gaps.createCell(4).setCellValue(true);
            gaps.createCell(6).setCellValue("");
        });
        try (XlsxTableReader reader = XlsxTableReader.open(file)) {
            assertThat(reader.next())
                    .containsExactly(
                            "12",
                            "12.5",
                            "13812345678",
                            "0.3",
                            "100000000000000000000",
                            "0",
                            "1234567.891",
                            "0.0000001");
            assertThat(reader.next()).containsExactly("", "b", "", "", "TRUE");
            assertThat(reader.rowNumber()).isEqualTo(4);
        }
    }

    @Test
    void datesUnderChineseBuiltInFormatsAndTimesReadAsIso() throws IOException {
        Path file = write(sheet -> {
            Workbook workbook = sheet.getWorkbook();
            sheet.createRow(0).createCell(0).setCellValue("日期");
            Row row = sheet.createRow(1);
            // Built-in 31 is yyyy"年"m"月"d"日" in Chinese Excel; files use the id without defining it.
            CellStyle chinese = workbook.createCellStyle();
            chinese.setDataFormat((short) 31);
            Cell date = row.createCell(0);
            date.setCellValue(LocalDate.of(2024, 1, 5));
            date.setCellStyle(chinese);
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d h:mm"));
            Cell stamp = row.createCell(1);
            stamp.setCellValue(LocalDateTime.of(2024, 6, 18, 20, 15, 30));
            stamp.setCellStyle(dateTime);
            CellStyle time = workbook.createCellStyle();
            time.setDataFormat(workbook.createDataFormat().getFormat("h:mm:ss"));
            Cell clock = row.createCell(2);
            clock.setCellValue(0.5);
            clock.setCellStyle(time);
        });
        try (XlsxTableReader reader = XlsxTableReader.open(file)) {
            assertThat(reader.next()).containsExactly("2024-01-05", "2024-06-18 20:15:30", "12:00:00");
        }
    }

    @Test
    void closingPartWayThroughStopsTheRead() throws IOException {
        XlsxTableReader reader = XlsxTableReader.open(Fixtures.copy("customers-libreoffice.xlsx", dir));
        assertThat(reader.next()).isNotNull();
        reader.close();
        assertThat(reader.next()).isNull();
    }

    @Test
    void aSheetWithoutRowsIsUnreadable() throws IOException {
        Path file = write(sheet -> {});
        assertThatThrownBy(() -> XlsxTableReader.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("the first sheet is empty");
    }

    @Test
    void aZipThatIsNotAWorkbookIsUnreadable() throws IOException {
        Path file = dir.resolve("photos.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not a spreadsheet".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> TableReaders.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("not a valid XLSX file: ");
    }

    @Test
    void aWordDocumentIsNotAWorkbook() throws IOException {
        Path file = dir.resolve("letter.xlsx");
        try (XWPFDocument document = new XWPFDocument();
                OutputStream out = Files.newOutputStream(file)) {
            document.createParagraph().createRun().setText("客户名单见附件");
            document.write(out);
        }
        assertThatThrownBy(() -> TableReaders.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage("not a valid XLSX file: it has no worksheet");
    }

    @Test
    void aPasswordProtectedWorkbookSaysSo() throws Exception {
        Path plain = Fixtures.copy("customers-libreoffice.xlsx", dir);
        Path encrypted = dir.resolve("encrypted.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream data = encryptor.getDataStream(fs)) {
                Files.copy(plain, data);
            }
            try (OutputStream out = Files.newOutputStream(encrypted)) {
                fs.writeFilesystem(out);
            }
        }
        assertThatThrownBy(() -> TableReaders.open(encrypted))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("the XLSX file is password-protected");
    }

    @Test
    void anOldXlsWorkbookAsksToBeSavedAsXlsx() throws IOException {
        Path file = dir.resolve("old.xls");
        try (HSSFWorkbook workbook = new HSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            workbook.createSheet().createRow(0).createCell(0).setCellValue("name");
            workbook.write(out);
        }
        assertThatThrownBy(() -> TableReaders.open(file))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining(".xls")
                .hasMessageContaining("save it as .xlsx");
    }

    private Path write(SheetContent content) throws IOException {
        Path file = dir.resolve("written.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            content.fill(workbook.createSheet("Sheet1"));
            workbook.write(out);
        }
        return file;
    }

    private interface SheetContent {
        void fill(Sheet sheet);
    }
}
