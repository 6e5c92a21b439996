package dev.retain.predict;

import dev.retain.platform.CompanyZone;
import dev.retain.platform.InvalidInputException;
import dev.retain.platform.ScheduledJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Keeps churn risk fresh: the models are retrained weekly (and when there is none, or the active one was trained on
 * other features than today's), and every repeat buyer is rescored nightly with the active model, after the
 * lifetime-value scores and before the segments' recompute.
 */
@Component
public class ScheduledChurnScoring {

    private static final Logger log = LoggerFactory.getLogger(ScheduledChurnScoring.class);

    private final ChurnTraining training;
    private final ChurnScoring scoring;
    private final ChurnModels models;

    ScheduledChurnScoring(ChurnTraining training, ChurnScoring scoring, ChurnModels models) {
        this.training = training;
        this.scoring = scoring;
        this.models = models;
    }

    /** Weekly, once in the cluster. */
    @Bean
    ScheduledJob churnTrainingJob(@Value("${retain.predict.churn-training-cron}") String cron, CompanyZone zone) {
        return new ScheduledJob("predict.churn-training", cron, zone.zone(), this::retrain);
    }

    /** Nightly, once in the cluster. */
    @Bean
    ScheduledJob churnScoringJob(@Value("${retain.predict.churn-cron}") String cron, CompanyZone zone) {
        return new ScheduledJob("predict.churn-scoring", cron, zone.zone(), this::rescore);
    }

    public void retrain() {
        long started = System.nanoTime();
        try {
            ChurnTraining.Result result = training.train();
            log.info(
                    "Trained churn models in {} ms; promoted {} #{} (ROC AUC {}); scored {} customers",
                    (System.nanoTime() - started) / 1_000_000,
                    result.promoted().algorithm(),
                    result.promoted().id(),
                    result.promoted().metrics().rocAuc(),
                    result.run().customers());
        } catch (InvalidInputException e) {
            log.warn("No churn model trained: {}", e.fieldErrors());
        }
    }

    public void rescore() {
        var active = models.active();
        if (active.isEmpty()) {
            retrain();
            return;
        }
        if (!active.get().seesCurrentFeatures()) {
            log.info(
                    "The active churn model #{} was trained on other features than today's: training new models",
                    active.get().id());
            retrain();
            return;
        }
        ChurnScoring.Run run = scoring.score();
        log.info("Scored churn risk of {} customers: {} high, {} medium", run.customers(), run.high(), run.medium());
    }
}
