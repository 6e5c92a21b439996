package dev.retain.segments.web;

import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.CsvWriter;
import dev.retain.platform.InvalidInputException;
import dev.retain.segments.Audience;
import dev.retain.segments.Audiences;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes an audience's members — customer id, name, member since, and the values that put them there — as CSV or as
 * XLSX, streamed so a million members need no more memory than a hundred.
 */
@Component
class MemberExport {

    private static final String[] HEADERS = {"customer_id", "name", "since", "reason"};

    private final Audiences audiences;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final DateTimeFormatter time;

    MemberExport(Audiences audiences, ObjectMapper json, CompanyZone zone, AuditLog audit) {
        this.audiences = audiences;
        this.audit = audit;
        this.json = json;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone.zone());
    }

    void write(Audience audience, String format, HttpServletResponse response) throws IOException {
        if (!"csv".equals(format) && !"xlsx".equals(format)) {
            throw new InvalidInputException("format", "must be csv or xlsx");
        }
        // who took which audience's members out, not the members themselves
        audit.recordExport(
                audience.kind().name().toLowerCase(Locale.ROOT),
                audience.id(),
                Map.of("format", format, "name", audience.name(), "what", "members"));
        String file = URLEncoder.encode(audience.name(), StandardCharsets.UTF_8).replace("+", "%20");
        if ("csv".equals(format)) {
            response.setContentType("text/csv; charset=UTF-8");
            response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + file + ".csv");
            writeCsv(audience, response);
        } else if ("xlsx".equals(format)) {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + file + ".xlsx");
            writeXlsx(audience, response);
        } else {
            throw new InvalidInputException("format", "must be csv or xlsx");
        }
    }

    private void writeCsv(Audience audience, HttpServletResponse response) throws IOException {
        CsvWriter csv = CsvWriter.forExcel(response.getOutputStream());
        csv.row((Object[]) HEADERS);
        audiences.eachMember(
                audience.id(),
                member -> csv.row(
                        member.customerId(),
                        member.name(),
                        time.format(member.since()),
                        json.writeValueAsString(member.reason())));
        csv.flush();
    }

    private void writeXlsx(Audience audience, HttpServletResponse response) throws IOException {
        try (var workbook = new SXSSFWorkbook(200)) {
            SXSSFSheet sheet = workbook.createSheet("members");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.length; i++) {
                header.createCell(i).setCellValue(HEADERS[i]);
            }
            int[] rowNumber = {1};
            audiences.eachMember(audience.id(), member -> {
                Row row = sheet.createRow(rowNumber[0]++);
                row.createCell(0).setCellValue(member.customerId());
                row.createCell(1).setCellValue(member.name());
                row.createCell(2).setCellValue(time.format(member.since()));
                row.createCell(3).setCellValue(json.writeValueAsString(member.reason()));
            });
            workbook.write(response.getOutputStream());
            workbook.dispose();
        }
    }
}
