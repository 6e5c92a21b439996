package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.PostgresCopy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Scores the definition's population (repeat buyers who ordered within the lookback, or customers whose contract ends
 * within the horizon) with the active churn model: the probability of churning, its band, and the features that raise
 * it most. Customers outside the population lose their score, and all do while the active model was trained for the
 * other definition or on other features than today's.
 */
@Service
public class ChurnScoring {

    /** What a scoring run wrote; {@code modelId} is null when no model is active yet. */
    public record Run(Long modelId, long customers, long high, long medium) {}

    /** A customer's score. */
    public record Score(double probability, String band, List<ChurnReason> reasons, long modelId) {}

    private static final TypeReference<List<ChurnReason>> REASONS = new TypeReference<>() {};

    private static final Logger log = LoggerFactory.getLogger(ChurnScoring.class);

    private final ChurnModels models;
    private final ChurnFeatures features;
    private final ChurnDefinition definition;
    private final JdbcClient jdbc;
    private final PostgresCopy copy;
    private final ObjectMapper json;
    private final CompanyZone zone;
    private final Clock clock;
    private final ChurnRiskChanges risks;

    ChurnScoring(
            ChurnModels models,
            ChurnFeatures features,
            ChurnDefinition definition,
            JdbcClient jdbc,
            PostgresCopy copy,
            ObjectMapper json,
            CompanyZone zone,
            Clock clock,
            ChurnRiskChanges risks) {
        this.models = models;
        this.features = features;
        this.definition = definition;
        this.jdbc = jdbc;
        this.copy = copy;
        this.json = json;
        this.zone = zone;
        this.clock = clock;
        this.risks = risks;
    }

    @Transactional
    public Run score() {
        Optional<ChurnModels.Registered> active = models.active();
        if (active.isEmpty()) {
            return new Run(null, 0, 0, 0);
        }
        ChurnSettings settings = definition.settings();
        if (active.get().basis() != settings.basis()) {
            // its scores would answer another question: none until a model of this definition is trained
            log.warn(
                    "The active churn model predicts {}, the definition is {}: retrain",
                    active.get().basis(),
                    settings.basis());
            jdbc.sql("truncate churn_scores").update();
            return new Run(null, 0, 0, 0);
        }
        if (!active.get().seesCurrentFeatures()) {
            // its columns would be misread: none until a model of today's features is trained
            log.warn(
                    "The active churn model #{} was trained on other features than today's ({}): retrain",
                    active.get().id(),
                    active.get().features());
            jdbc.sql("truncate churn_scores").update();
            return new Run(null, 0, 0, 0);
        }
        return score(features.asOf(scoringDay(), settings, false));
    }

    /** As of the end of today, so that today's orders count. */
    LocalDate scoringDay() {
        return zone.today(clock).plusDays(1);
    }

    /** Scores the customers of a feature table built as of {@link #scoringDay()}, each with their reasons. */
    @Transactional
    Run score(FeatureTable table) {
        Optional<ChurnModels.Registered> active = models.active();
        if (active.isEmpty()) {
            return new Run(null, 0, 0, 0);
        }
        long modelId = active.get().id();
        ChurnSettings settings = definition.settings();
        ChurnModel model = models.load(modelId);
        long started = System.nanoTime();
        double[] probabilities = model.probabilities(table);
        long scored = System.nanoTime();
        float[][] contributions = model.contributions(table);
        long explained = System.nanoTime();
        long[] bands = new long[3];
        var now = clock.instant();
        risks.keepBaselineBeforeReplacing();
        jdbc.sql("truncate churn_scores").update();
        copy.into("churn_scores", "customer_id, probability, band, reasons, model_id, scored_at", rows -> {
            for (int row = 0; row < table.rows(); row++) {
                String band = settings.bandOf(probabilities[row]);
                bands[band.equals("HIGH") ? 2 : band.equals("MEDIUM") ? 1 : 0]++;
                rows.row(
                        table.customerIds()[row],
                        probabilities[row],
                        band,
                        json.writeValueAsString(ChurnReason.of(table, row, contributions[row])),
                        modelId,
                        now);
            }
        });
        jdbc.sql("analyze churn_scores").update();
        log.info(
                "Churn risk of {} customers: scores {} ms, reasons {} ms, written {} ms",
                table.rows(),
                (scored - started) / 1_000_000,
                (explained - scored) / 1_000_000,
                (System.nanoTime() - explained) / 1_000_000);
        return new Run(modelId, table.rows(), bands[2], bands[1]);
    }

    public Optional<Score> of(long customerId) {
        return jdbc.sql("select probability, band, reasons, model_id from churn_scores where customer_id = ?")
                .param(customerId)
                .query((rs, row) -> new Score(
                        rs.getDouble(1), rs.getString(2), json.readValue(rs.getString(3), REASONS), rs.getLong(4)))
                .optional();
    }

    /** Scored customers per band. */
    public Map<String, Long> bands() {
        var counts = new LinkedHashMap<String, Long>();
        for (String band : List.of("HIGH", "MEDIUM", "LOW")) {
            counts.put(band, 0L);
        }
        jdbc.sql("select band, count(*) from churn_scores group by band").query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** How many customers of a band have each feature as their first reason, most first. */
    public Map<String, Long> leadingReasons(String band) {
        var counts = new LinkedHashMap<String, Long>();
        jdbc.sql("""
                        select reasons -> 0 ->> 'feature' as feature, count(*) from churn_scores
                        where band = ? and jsonb_array_length(reasons) > 0
                        group by feature order by count(*) desc, feature""").param(band).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}
