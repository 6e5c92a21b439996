package dev.retain.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedStringTableTests {

    @TempDir
    Path dir;

    @Test
    void aWorkbookWhoseStringsPassTheMemoryLimitReadsTheSameFromDisk() throws IOException {
        Path file = dir.resolve("names.xlsx");
        List<String> names = new ArrayList<>();
        try (var workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("name");
            for (int i = 1; i <= 3000; i++) {
                String name = (i % 3 == 0 ? "客户" : "customer ") + i + (i % 7 == 0 ? "\u0001" : "");
                names.add(name.replace("\u0001", ""));
                sheet.createRow(i).createCell(0).setCellValue(name.replace("\u0001", ""));
            }
            // Repeated values share one string: read back through the cache.
            sheet.createRow(3001).createCell(0).setCellValue("customer 1");
            names.add("customer 1");
            workbook.write(out);
        }

        try (XlsxTableReader reader = XlsxTableReader.open(file, 1000, 1000)) {
            assertThat(reader.headers()).containsExactly("name");
            List<String> read = new ArrayList<>();
            for (String[] row = reader.next(); row != null; row = reader.next()) {
                read.add(row[0]);
            }
            assertThat(read).isEqualTo(names);
        }
    }

    @Test
    void theTemporaryFilesAreDeletedWhenTheReaderIsClosedAndWhenTheSheetTurnsOutDamaged() throws IOException {
        Path good = manyStrings(dir.resolve("good.xlsx"), 2000);
        long before = temporaryFiles();

        try (TableReader reader = TableReaders.open(good, 1000, 1000)) {
            assertThat(temporaryFiles()).isEqualTo(before + 2);
            while (reader.next() != null) {
                // read to the end
            }
        }
        assertThat(temporaryFiles()).isEqualTo(before);

        Path damaged = withSheet(good, dir.resolve("damaged.xlsx"), "<worksheet><sheetData><row r=\"1\"><c t=\"s\">");
        assertThatThrownBy(() -> TableReaders.open(damaged, 1000, 1000)).isInstanceOf(UnreadableFileException.class);
        assertThat(temporaryFiles()).isEqualTo(before);

        Path cutShort = withSheet(
                good,
                dir.resolve("cut.xlsx"),
                "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row><row r=\"2\"><c t=\"s\"><v>1</v>");
        try (TableReader reader = TableReaders.open(cutShort, 1000, 1000)) {
            assertThatThrownBy(() -> {
                        while (reader.next() != null) {
                            // read until the damage
                        }
                    })
                    .isInstanceOf(IOException.class);
        }
        assertThat(temporaryFiles()).isEqualTo(before);
    }

    /** A workbook of one column holding {@code rows} distinct names, under a header. */
    private static Path manyStrings(Path file, int rows) throws IOException {
        try (var workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("name");
            for (int i = 1; i <= rows; i++) {
                sheet.createRow(i).createCell(0).setCellValue("客户 " + i);
            }
            workbook.write(out);
        }
        return file;
    }

    /** A copy of the workbook whose first sheet is replaced by this XML. */
    private static Path withSheet(Path workbook, Path copy, String sheetXml) throws IOException {
        try (var in = new ZipInputStream(Files.newInputStream(workbook));
                var out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(
                        entry.getName().equals("xl/worksheets/sheet1.xml")
                                ? sheetXml.getBytes(StandardCharsets.UTF_8)
                                : in.readAllBytes());
                out.closeEntry();
            }
        }
        return copy;
    }

    private static long temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(file -> file.getFileName().toString().startsWith("retain-shared-strings-"))
                    .count();
        }
    }

    @Test
    void theStringsMoveToDiskOnlyPastTheLimitAndTheFilesGoWithTheTable() throws IOException, Exception {
        Path file = dir.resolve("few.xlsx");
        try (var workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("a_x0041_b");
            sheet.createRow(1).createCell(0).setCellValue("second");
            workbook.write(out);
        }
        try (var pkg = org.apache.poi.openxml4j.opc.OPCPackage.open(
                file.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ)) {
            try (var small = SharedStringTable.read(pkg, 1000, 1000)) {
                assertThat(small.onDisk()).isFalse();
                assertThat(small.count()).isEqualTo(2);
            }
            var large = SharedStringTable.read(pkg, 3, 1000);
            assertThat(large.onDisk()).isTrue();
            assertThat(large.at(1)).isEqualTo("second");
            large.close();
            pkg.revert();
        }
    }
}
