package dev.retain.customers.web;

import dev.retain.customers.SubjectRequests;
import dev.retain.customers.SubjectRequests.SubjectExport;
import dev.retain.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends everything held on one customer as a file: JSON (profile, then module, table and rows) or XLSX (the profile on
 * the first sheet, then a sheet per table with rows).
 */
@Component
class SubjectExportDownload {

    /** Excel's longest sheet name. */
    private static final int SHEET_NAME_LENGTH = 31;

    private final SubjectRequests requests;
    private final ObjectMapper json;

    SubjectExportDownload(SubjectRequests requests, ObjectMapper json) {
        this.requests = requests;
        this.json = json;
    }

    void send(long customerId, String format, HttpServletResponse response) throws IOException {
        if (!"json".equals(format) && !"xlsx".equals(format)) {
            throw new InvalidInputException("format", "must be json or xlsx");
        }
        SubjectExport export = requests.export(customerId, format);
        String file = "customer-" + customerId + "-personal-data." + format;
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
        if ("json".equals(format)) {
            response.setContentType("application/json");
            json.writerWithDefaultPrettyPrinter().writeValue(response.getOutputStream(), export);
        } else {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            writeXlsx(export, response);
        }
    }

    private void writeXlsx(SubjectExport export, HttpServletResponse response) throws IOException {
        try (var workbook = new SXSSFWorkbook(200)) {
            SXSSFSheet profile = workbook.createSheet("profile");
            int rowNumber = 0;
            for (var field : export.profile().entrySet()) {
                Row row = profile.createRow(rowNumber++);
                row.createCell(0).setCellValue(field.getKey());
                row.createCell(1).setCellValue(text(field.getValue()));
            }
            for (var module : export.modules().entrySet()) {
                for (var table : module.getValue().entrySet()) {
                    String name = (module.getKey() + "." + table.getKey());
                    writeTable(
                            workbook.createSheet(name.substring(0, Math.min(name.length(), SHEET_NAME_LENGTH))),
                            table.getValue());
                }
            }
            workbook.write(response.getOutputStream());
            workbook.dispose();
        }
    }

    private void writeTable(SXSSFSheet sheet, List<Map<String, Object>> rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> columns.addAll(row.keySet()));
        List<String> header = new ArrayList<>(columns);
        Row first = sheet.createRow(0);
        for (int i = 0; i < header.size(); i++) {
            first.createCell(i).setCellValue(header.get(i));
        }
        int rowNumber = 1;
        for (Map<String, Object> values : rows) {
            Row row = sheet.createRow(rowNumber++);
            for (int i = 0; i < header.size(); i++) {
                row.createCell(i).setCellValue(text(values.get(header.get(i))));
            }
        }
    }

    /** Every value as text: a cell set from a string is never read as a formula. */
    private String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof String string ? string : json.writeValueAsString(value);
    }
}
