package dev.retain.commerce;

import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The exchange rates an admin keeps: units of the base currency per unit of each currency. */
@Service
public class CurrencyRates {

    private final JdbcClient jdbc;

    CurrencyRates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, BigDecimal> all() {
        return jdbc
                .sql("select currency, rate_to_base from currency_rates order by currency")
                .query((rs, row) -> Map.entry(rs.getString(1).strip(), rs.getBigDecimal(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
