package dev.retain.ingest;

import dev.retain.commerce.CurrencyRates;
import dev.retain.ingest.cleansing.DateReader;
import dev.retain.ingest.cleansing.DayMonthOrder;
import dev.retain.platform.CompanyZone;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Makes the row cleanser for one file or batch: the company's zone and phone region, the known currencies. */
@Component
class Cleansing {

    private final CurrencyRates rates;
    private final ObjectMapper json;
    private final CompanyZone zone;
    private final String defaultRegion;

    Cleansing(
            CurrencyRates rates,
            ObjectMapper json,
            CompanyZone zone,
            @Value("${retain.default-region}") String defaultRegion) {
        this.rates = rates;
        this.json = json;
        this.zone = zone;
        this.defaultRegion = defaultRegion;
    }

    RowCleanser cleanser(ImportKind kind, ColumnMapping mapping, List<String> headers, ImportOptions options) {
        return new RowCleanser(
                kind,
                mapping,
                headers,
                new DateReader(zone.zone(), options.dayFirst() ? DayMonthOrder.DAY_FIRST : DayMonthOrder.MONTH_FIRST),
                defaultRegion,
                options.defaultCurrency(),
                rates.all().keySet(),
                json);
    }
}
