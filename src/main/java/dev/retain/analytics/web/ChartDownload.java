package dev.retain.analytics.web;

import dev.retain.analytics.Dashboard;
import dev.retain.analytics.Dashboards;
import dev.retain.analytics.Period;
import dev.retain.platform.AuditLog;
import dev.retain.platform.CompanyZone;
import dev.retain.platform.CsvWriter;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * Sends a chart's data as CSV (UTF-8 with a BOM, so Excel reads Chinese right) or as XLSX with numbers as numbers; for
 * the page and the API alike.
 */
@Component
class ChartDownload {

    private final Dashboards dashboards;
    private final DashboardTables tables;
    private final CompanyZone zone;
    private final Clock clock;
    private final AuditLog audit;

    ChartDownload(Dashboards dashboards, DashboardTables tables, CompanyZone zone, Clock clock, AuditLog audit) {
        this.dashboards = dashboards;
        this.tables = tables;
        this.zone = zone;
        this.clock = clock;
        this.audit = audit;
    }

    void send(String chart, String format, DashboardQuery query, Locale locale, HttpServletResponse response)
            throws IOException {
        if (!DashboardTables.CHARTS.contains(chart)) {
            throw new NotFoundException("chart", chart);
        }
        if (!"csv".equals(format) && !"xlsx".equals(format)) {
            throw new InvalidInputException("format", "must be csv or xlsx");
        }
        Period period = query.period(zone.today(clock));
        Dashboard dashboard = dashboards.of(period, query.scope());
        audit.recordExport("chart", chart, exported(format, period, query));
        write(tables.of(chart, dashboard, locale), format, response);
    }

    /** What was downloaded: the format, period and filters; figures only, no customer in them. */
    private static Map<String, Object> exported(String format, Period period, DashboardQuery query) {
        var details = new LinkedHashMap<String, Object>();
        details.put("format", format);
        details.put("from", period.first().toString());
        details.put("to", period.last().toString());
        details.put("segmentId", query.segmentId());
        details.put("region", query.region());
        details.put("ownerId", query.ownerId());
        details.put("category", query.category());
        return details;
    }

    private static void write(ChartTable table, String format, HttpServletResponse response) throws IOException {
        if ("csv".equals(format)) {
            response.setContentType("text/csv; charset=UTF-8");
            attachment(response, table.name() + ".csv");
            CsvWriter csv = CsvWriter.forExcel(response.getOutputStream());
            csv.row(List.copyOf(table.headers()));
            for (List<Object> row : table.rows()) {
                csv.row(row);
            }
            csv.flush();
        } else if ("xlsx".equals(format)) {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            attachment(response, table.name() + ".xlsx");
            try (var workbook = new XSSFWorkbook()) {
                XSSFSheet sheet = workbook.createSheet(table.name());
                fill(sheet.createRow(0), List.copyOf(table.headers()));
                for (int i = 0; i < table.rows().size(); i++) {
                    fill(sheet.createRow(i + 1), table.rows().get(i));
                }
                workbook.write(response.getOutputStream());
            }
        } else {
            throw new InvalidInputException("format", "must be csv or xlsx");
        }
    }

    private static void attachment(HttpServletResponse response, String file) {
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    private static void fill(Row row, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            Cell cell = row.createCell(i);
            if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else if (value != null) {
                cell.setCellValue(value.toString());
            }
        }
    }
}
