package dev.retain.commerce;

import dev.retain.platform.AuditLog;
import dev.retain.platform.InvalidInputException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The exchange rates an admin keeps: units of the base currency (CNY) per unit of each currency. Imported amounts are
 * converted with the rate in force when they are imported.
 */
@Service
public class CurrencyRates {

    /** The company's base currency: every base amount (order totals, spend, opportunity amounts) is in it. */
    public static final String BASE_CURRENCY = "CNY";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    CurrencyRates(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Sets how many units of the base currency one unit of {@code currency} is worth; used by later imports. */
    @Transactional
    public void set(String currency, BigDecimal rateToBase) {
        String code = currency == null ? "" : currency.strip().toUpperCase(java.util.Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            throw new InvalidInputException("currency", "a three-letter ISO 4217 code, e.g. USD");
        }
        if (rateToBase == null || rateToBase.signum() <= 0) {
            throw new InvalidInputException("rate", "a positive number");
        }
        BigDecimal before = all().get(code);
        jdbc.sql("""
                        insert into currency_rates (currency, rate_to_base, updated_at) values (?, ?, ?)
                        on conflict (currency) do update set rate_to_base = excluded.rate_to_base,
                            updated_at = excluded.updated_at""").params(code, rateToBase, Timestamp.from(clock.instant())).update();
        audit.record(
                before == null ? "create" : "update",
                "currency_rate",
                code,
                before == null ? null : Map.of("rate", before),
                Map.of("rate", rateToBase));
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
