package dev.retain.predict;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * The lifetime-value fits: both models fitted on purchase histories, and every fit kept with what it was fitted on and,
 * for a model check, its holdout report.
 */
@Component
public class ClvFits {

    /** The two fitted models; {@code spend} is null with fewer than {@link #MIN_REPEAT_CUSTOMERS} repeat customers. */
    public record Models(Fit<BgNbd> purchases, Fit<GammaGamma> spend) {}

    /** A kept fit; {@code holdout} is null for the fits that scored customers. */
    public record StoredFit(
            long id,
            LocalDate calibrationEnd,
            TimeUnitOfFit unit,
            long customers,
            Fit<BgNbd> purchases,
            Fit<GammaGamma> spend,
            HoldoutReport holdout,
            Instant fittedAt) {}

    static final int MIN_REPEAT_CUSTOMERS = 10;

    private static final TypeReference<Fit<BgNbd>> PURCHASES = new TypeReference<>() {};
    private static final TypeReference<Fit<GammaGamma>> SPEND = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ClvFits(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** BG/NBD on every history; Gamma-Gamma on the repeat customers' average order values. */
    static Models fit(List<PurchaseHistories.CustomerHistory> histories) {
        Fit<BgNbd> purchases = BgNbd.fit(histories.stream()
                .map(PurchaseHistories.CustomerHistory::history)
                .toList());
        List<GammaGamma.Spend> spends = histories.stream()
                .map(PurchaseHistories.CustomerHistory::spend)
                .filter(spend -> spend != null)
                .toList();
        return new Models(purchases, spends.size() < MIN_REPEAT_CUSTOMERS ? null : GammaGamma.fit(spends));
    }

    long save(LocalDate calibrationEnd, TimeUnitOfFit unit, long customers, Models models, HoldoutReport holdout) {
        return jdbc.sql("""
                        insert into clv_fits (calibration_end, unit, customers, bg_nbd, gamma_gamma, holdout, fitted_at)
                        values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?) returning id""")
                .params(
                        Date.valueOf(calibrationEnd),
                        unit.name(),
                        customers,
                        json.writeValueAsString(models.purchases()),
                        models.spend() == null ? null : json.writeValueAsString(models.spend()),
                        holdout == null ? null : json.writeValueAsString(holdout),
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    public Optional<StoredFit> find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(this::stored).optional();
    }

    /** The latest fit that scored customers, or the latest model check. */
    public Optional<StoredFit> latest(boolean check) {
        return jdbc.sql(SELECT + " where (holdout is not null) = ? order by id desc limit 1")
                .param(check)
                .query(this::stored)
                .optional();
    }

    /** The latest fits, newest first. */
    public List<StoredFit> recent(int limit) {
        return jdbc.sql(SELECT + " order by id desc limit ?")
                .param(limit)
                .query(this::stored)
                .list();
    }

    private static final String SELECT = """
            select id, calibration_end, unit, customers, bg_nbd, gamma_gamma, holdout, fitted_at from clv_fits""";

    private StoredFit stored(ResultSet rs, int row) throws SQLException {
        String spend = rs.getString(6);
        String holdout = rs.getString(7);
        return new StoredFit(
                rs.getLong(1),
                rs.getDate(2).toLocalDate(),
                TimeUnitOfFit.valueOf(rs.getString(3)),
                rs.getLong(4),
                json.readValue(rs.getString(5), PURCHASES),
                spend == null ? null : json.readValue(spend, SPEND),
                holdout == null ? null : json.readValue(holdout, HoldoutReport.class),
                rs.getTimestamp(8).toInstant());
    }
}
