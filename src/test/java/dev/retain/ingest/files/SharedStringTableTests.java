package dev.retain.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            try (var small = SharedStringTable.read(pkg, 1000)) {
                assertThat(small.onDisk()).isFalse();
                assertThat(small.count()).isEqualTo(2);
            }
            var large = SharedStringTable.read(pkg, 3);
            assertThat(large.onDisk()).isTrue();
            assertThat(large.at(1)).isEqualTo("second");
            large.close();
            pkg.revert();
        }
    }
}
