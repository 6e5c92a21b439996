package dev.retain.analytics.web;

import dev.retain.analytics.Kpi;
import dev.retain.analytics.KpiReport;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** How the dashboard shows KPI values and changes ({@code ${@kpiFormats.value(row.unit, row.current)}}). */
@Component("kpiFormats")
public class KpiFormats {

    public String value(Kpi.Unit unit, Number value) {
        if (value == null) {
            return "—";
        }
        Locale locale = LocaleContextHolder.getLocale();
        switch (unit) {
            case RATE:
                NumberFormat percent = NumberFormat.getPercentInstance(locale);
                percent.setMaximumFractionDigits(1);
                percent.setMinimumFractionDigits(1);
                return percent.format(value.doubleValue());
            case NUMBER:
                return decimals(locale, 2).format(value.doubleValue());
            case MONEY:
                return decimals(locale, 2).format(value.doubleValue());
            default:
                return NumberFormat.getIntegerInstance(locale).format(value.longValue());
        }
    }

    /** "+12.5%" for counts and amounts, "+1.2 pt" for rates. */
    public String change(KpiReport.Row row) {
        if (row.change() == null) {
            return "";
        }
        double change = row.change();
        String sign = change > 0 ? "+" : change < 0 ? "−" : "±";
        double size = Math.abs(change);
        return row.unit() == Kpi.Unit.RATE
                ? sign + String.format(Locale.ROOT, "%.1f pt", size)
                : sign + String.format(Locale.ROOT, "%.1f%%", size * 100);
    }

    /** Whether the change is good news: down is good for churn and risk. */
    public boolean improved(KpiReport.Row row) {
        if (row.change() == null) {
            return false;
        }
        boolean lowerIsBetter =
                row.kpi() == Kpi.CHURN_RATE || row.kpi() == Kpi.HIGH_CHURN_RISK || row.kpi() == Kpi.REVENUE_AT_RISK;
        return lowerIsBetter ? row.change() < 0 : row.change() > 0;
    }

    private static NumberFormat decimals(Locale locale, int digits) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format;
    }
}
