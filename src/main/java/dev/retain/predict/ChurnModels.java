package dev.retain.predict;

import dev.retain.platform.AuditLog;
import dev.retain.platform.ConflictException;
import dev.retain.platform.NotFoundException;
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
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The churn model registry: every trained model with its metrics, training window and features; one is active (it
 * scores customers), and activating an earlier one is the roll back.
 */
@Component
public class ChurnModels {

    /** A registered model, without its bytes. */
    public record Registered(
            long id,
            ChurnAlgorithm algorithm,
            String status,
            List<String> features,
            LocalDate featureDate,
            LocalDate validationDate,
            ChurnBasis basis,
            int inactiveDays,
            int trainRows,
            int validationRows,
            ChurnMetrics metrics,
            Instant trainedAt,
            Instant activatedAt) {

        /**
         * Whether the model was trained on the features built today: one trained before features were added or
         * removed reads its columns differently and cannot score until it is trained again.
         */
        public boolean seesCurrentFeatures() {
            return features.equals(List.of(ChurnFeature.keys()));
        }
    }

    private static final String COLUMNS = """
            id, algorithm, status, features, feature_date, validation_date, inactive_days, train_rows,
            validation_rows, metrics, trained_at, activated_at, basis""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    ChurnModels(JdbcClient jdbc, AuditLog audit, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    long register(
            ChurnModel model,
            LocalDate featureDate,
            LocalDate validationDate,
            ChurnSettings settings,
            int trainRows,
            int validationRows,
            ChurnMetrics metrics) {
        return jdbc.sql("""
                        insert into churn_models (algorithm, status, features, feature_date, validation_date, basis,
                            inactive_days, train_rows, validation_rows, metrics, model, trained_at)
                        values (?, 'CANDIDATE', ?::jsonb, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id""")
                .params(
                        model.algorithm().name(),
                        json.writeValueAsString(ChurnFeature.keys()),
                        Date.valueOf(featureDate),
                        Date.valueOf(validationDate),
                        settings.basis().name(),
                        settings.inactiveDays(),
                        trainRows,
                        validationRows,
                        json.writeValueAsString(metrics),
                        model.bytes(),
                        Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    /** Makes the model the one that scores; the previously active one is retired. */
    @Transactional
    public Registered activate(long id) {
        Registered model = find(id).orElseThrow(() -> new NotFoundException("churn model", id));
        if (!model.seesCurrentFeatures()) {
            throw new ConflictException("churn model " + id + " was trained on other features (" + model.features()
                    + ") than the ones built now, so it cannot score: train a new model");
        }
        jdbc.sql("update churn_models set status = 'RETIRED' where status = 'ACTIVE'")
                .update();
        jdbc.sql("update churn_models set status = 'ACTIVE', activated_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        return find(id).orElseThrow();
    }

    public Optional<Registered> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from churn_models where id = ?")
                .param(id)
                .query(this::registered)
                .optional();
    }

    public Optional<Registered> active() {
        return jdbc.sql("select " + COLUMNS + " from churn_models where status = 'ACTIVE'")
                .query(this::registered)
                .optional();
    }

    /** The latest models, newest first. */
    public List<Registered> recent(int limit) {
        return jdbc.sql("select " + COLUMNS + " from churn_models order by id desc limit ?")
                .param(limit)
                .query(this::registered)
                .list();
    }

    ChurnModel load(long id) {
        return jdbc.sql("select algorithm, model from churn_models where id = ?")
                .param(id)
                .query((rs, row) -> {
                    byte[] bytes = rs.getBytes(2);
                    return ChurnAlgorithm.valueOf(rs.getString(1)) == ChurnAlgorithm.BOOSTED_TREES
                            ? (ChurnModel) BoostedTreesChurnModel.load(bytes)
                            : LogisticChurnModel.load(bytes);
                })
                .optional()
                .orElseThrow(() -> new NotFoundException("churn model", id));
    }

    private Registered registered(ResultSet rs, int row) throws SQLException {
        Timestamp activated = rs.getTimestamp(12);
        return new Registered(
                rs.getLong(1),
                ChurnAlgorithm.valueOf(rs.getString(2)),
                rs.getString(3),
                List.of(json.readValue(rs.getString(4), String[].class)),
                rs.getDate(5).toLocalDate(),
                rs.getDate(6).toLocalDate(),
                ChurnBasis.valueOf(rs.getString(13)),
                rs.getInt(7),
                rs.getInt(8),
                rs.getInt(9),
                json.readValue(rs.getString(10), ChurnMetrics.class),
                rs.getTimestamp(11).toInstant(),
                activated == null ? null : activated.toInstant());
    }
}
