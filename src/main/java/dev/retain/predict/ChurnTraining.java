package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Trains the churn models on a time split and promotes the better one. With N the days a label takes to be known (the
 * inactive days; for contracts the horizon plus the grace): features as of today − 2N, labelled by the N days after
 * (training); features as of today − N, labelled by the N days up to today (validation). The training labels end where the validation features begin, so nothing the models learn from comes
 * from the period they are judged on. Both models are registered with their validation metrics; the one with the
 * higher ROC AUC becomes active and rescores everyone.
 */
@Service
public class ChurnTraining {

    /** What a training run registered and promoted, and the rescoring it did. */
    public record Result(List<ChurnModels.Registered> trained, ChurnModels.Registered promoted, ChurnScoring.Run run) {}

    /** Fewer labelled customers than this, or no churner or no stayer among them, train nothing worth trusting. */
    static final int MIN_ROWS = 50;

    private final ChurnFeatures features;
    private final ChurnModels models;
    private final ChurnScoring scoring;
    private final ChurnDefinition definition;
    private final TransactionTemplate readOnly;
    private final CompanyZone zone;
    private final Clock clock;

    ChurnTraining(
            ChurnFeatures features,
            ChurnModels models,
            ChurnScoring scoring,
            ChurnDefinition definition,
            PlatformTransactionManager transactions,
            CompanyZone zone,
            Clock clock) {
        this.features = features;
        this.models = models;
        this.scoring = scoring;
        this.definition = definition;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.zone = zone;
        this.clock = clock;
    }

    @Transactional
    public Result train() {
        ChurnSettings settings = definition.settings();
        LocalDate validationDate = zone.today(clock).minusDays(settings.labelDays());
        LocalDate featureDate = validationDate.minusDays(settings.labelDays());
        // the three tables are independent reads: built side by side, each in its own read-only transaction
        var pool = Executors.newFixedThreadPool(3);
        FeatureTable training;
        FeatureTable validation;
        FeatureTable current;
        try {
            Future<FeatureTable> trainingTable = pool.submit(() -> read(featureDate, settings, true));
            Future<FeatureTable> validationTable = pool.submit(() -> read(validationDate, settings, true));
            Future<FeatureTable> currentTable = pool.submit(() -> read(scoring.scoringDay(), settings, false));
            training = trainingTable.get();
            validation = validationTable.get();
            current = currentTable.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building churn features", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        requireBothOutcomes("training", featureDate, training);
        requireBothOutcomes("validation", validationDate, validation);

        ChurnModels.Registered best = null;
        var trained = new ArrayList<ChurnModels.Registered>();
        for (ChurnModel model : List.of(BoostedTreesChurnModel.train(training), LogisticChurnModel.train(training))) {
            ChurnMetrics metrics = ChurnMetrics.of(model.probabilities(validation), validation.churned());
            long id = models.register(
                    model, featureDate, validationDate, settings, training.rows(), validation.rows(), metrics);
            ChurnModels.Registered registered = models.find(id).orElseThrow();
            trained.add(registered);
            if (best == null || metrics.rocAuc() > best.metrics().rocAuc()) {
                best = registered;
            }
        }
        ChurnModels.Registered promoted = models.activate(best.id());
        return new Result(trained, promoted, scoring.score(current));
    }

    private FeatureTable read(LocalDate day, ChurnSettings settings, boolean labelled) {
        return readOnly.execute(status -> features.asOf(day, settings, labelled));
    }

    private static void requireBothOutcomes(String set, LocalDate day, FeatureTable table) {
        double rate = table.churnRate();
        if (table.rows() < MIN_ROWS || rate == 0 || rate == 1) {
            throw new InvalidInputException(
                    "history",
                    "the " + set + " set (customers as of " + day + ") has " + table.rows()
                            + " customers, churn rate " + Math.round(rate * 100)
                            + "%; training needs at least " + MIN_ROWS + " with both churners and stayers");
        }
    }
}
