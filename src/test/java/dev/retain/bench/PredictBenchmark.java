package dev.retain.bench;

import dev.retain.RetainApplication;
import dev.retain.demo.DemoDataset;
import dev.retain.platform.CompanyZone;
import dev.retain.predict.ChurnDefinition;
import dev.retain.predict.ChurnFeatures;
import dev.retain.predict.ChurnModels;
import dev.retain.predict.ChurnScoring;
import dev.retain.predict.ChurnTraining;
import dev.retain.predict.ClvScores;
import dev.retain.predict.FeatureTable;
import dev.retain.predict.ModelSummary;
import dev.retain.predict.TimeUnitOfFit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Prediction on the demo company: the lifetime-value fit and the scoring of every buyer, against one SQL pass that
 * computes the frequency/recency/age summary the fit needs (the part no implementation avoids); then the churn models'
 * feature build, training, comparison and scoring of everyone. Run by {@code bench/predict}; prints figures and, last,
 * one line of key=value pairs.
 */
public final class PredictBenchmark {

    private static final long SEED = 20_261_123L;

    public static void main(String[] args) throws Exception {
        int customers = args.length > 1 && args[0].equals("--customers") ? Integer.parseInt(args[1]) : 1_000_000;
        Path work = Files.createDirectories(Path.of(System.getProperty("bench.work", "target/bench-predict")));
        var context = new SpringApplicationBuilder(RetainApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "retain.db.embedded.clean-start=true",
                        "retain.imports.worker.enabled=false",
                        // no nightly run in the middle of the measurements
                        "retain.segments.recompute-cron=-",
                        "retain.predict.clv-cron=-",
                        "retain.predict.churn-cron=-",
                        "retain.predict.churn-training-cron=-",
                        "retain.predict.recommendations-cron=-",
                        "logging.level.root=WARN",
                        "logging.level.dev.retain.predict=INFO")
                .run("--retain.data-dir=" + work.resolve("data"));
        try {
            run(context, customers);
        } finally {
            context.close();
        }
    }

    private static void run(ConfigurableApplicationContext context, int customers) throws SQLException {
        ZoneId zone = context.getBean(CompanyZone.class).zone();
        DataSource dataSource = context.getBean(DataSource.class);
        LocalDate today = LocalDate.now(zone);

        long started = System.nanoTime();
        var loaded = context.getBean(DemoDataset.class).load(SEED, customers, today, zone);
        System.out.printf(
                "generated and loaded %,d customers, %,d orders, %,d events in %.1f s%n",
                loaded.customers(), loaded.orders(), loaded.events(), seconds(started));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            started = System.nanoTime();
            connection.createStatement().execute("vacuum analyze");
            System.out.printf("vacuum analyze: %.1f s%n", seconds(started));
        }

        double summarySeconds = summaryPass(dataSource, today, zone);
        System.out.printf("summary SQL (frequency, recency, age per buyer, read to the end): %.2f s%n", summarySeconds);

        HeapPeaks.reset();
        started = System.nanoTime();
        ClvScores.Run clv = context.getBean(ClvScores.class).score(today, TimeUnitOfFit.WEEKS, 365, 0.01);
        double clvSeconds = seconds(started);
        ModelSummary purchases = ModelSummary.of(clv.purchases());
        System.out.printf(
                "lifetime value: fitted and scored %,d buyers in %.2f s = %.1f × the summary SQL%n"
                        + "  %s: %s log_likelihood=%.1f converged=%s after %d evaluations%n",
                clv.customers(),
                clvSeconds,
                clvSeconds / summarySeconds,
                purchases.model(),
                purchases.parametersText(),
                purchases.logLikelihood(),
                purchases.converged(),
                purchases.evaluations());
        if (clv.spend() != null) {
            ModelSummary spend = ModelSummary.ofSpend(clv.spend());
            System.out.printf("  %s: %s converged=%s%n", spend.model(), spend.parametersText(), spend.converged());
        }

        started = System.nanoTime();
        ChurnTraining.Result churn = context.getBean(ChurnTraining.class).train();
        double churnSeconds = seconds(started);
        for (ChurnModels.Registered model : churn.trained()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-19s train %,d / validation %,d customers: ROC AUC %.3f, PR AUC %.3f, top-decile lift %.2f,"
                            + " Brier %.3f%n",
                    model.algorithm(),
                    model.trainRows(),
                    model.validationRows(),
                    model.metrics().rocAuc(),
                    model.metrics().prAuc(),
                    model.metrics().topDecileLift(),
                    model.metrics().brierScore());
        }
        System.out.printf(
                "churn: features, training of both models, comparison and scoring of %,d customers in %.2f s;"
                        + " promoted %s%n",
                churn.run().customers(), churnSeconds, churn.promoted().algorithm());
        long peakHeapMb = HeapPeaks.peakBytes() >> 20;

        // where the churn time goes, measured once more part by part (not counted above)
        var definition = context.getBean(ChurnDefinition.class).settings();
        started = System.nanoTime();
        FeatureTable features =
                context.getBean(ChurnFeatures.class).asOf(churn.promoted().featureDate(), definition, true);
        System.out.printf(
                "  of which: one feature table (%,d customers, P(alive) fit included) %.2f s",
                features.rows(), seconds(started));
        started = System.nanoTime();
        ChurnScoring.Run rescored = context.getBean(ChurnScoring.class).score();
        System.out.printf("; rescoring %,d customers %.2f s%n", rescored.customers(), seconds(started));
        System.out.println(String.format(
                Locale.ROOT,
                "clv_fit_score_s=%.2f summary_sql_s=%.2f ratio_to_summary=%.1f churn_train_score_s=%.2f churn_auc=%.3f"
                        + " peak_heap_mb=%d",
                clvSeconds,
                summarySeconds,
                clvSeconds / summarySeconds,
                churnSeconds,
                churn.promoted().metrics().rocAuc(),
                peakHeapMb));
    }

    /** The reference: the per-buyer summary in one hand-written statement, every row read. */
    private static double summaryPass(DataSource dataSource, LocalDate end, ZoneId zone) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            try (var statement = connection.prepareStatement("""
                    select customer_id, count(distinct day) - 1, max(day) - min(day), ?::date - min(day)
                    from (select customer_id, (ordered_at at time zone ?)::date as day
                          from paid_orders_view where ordered_at < ?) days
                    group by customer_id""")) {
                statement.setFetchSize(10_000);
                statement.setObject(1, end);
                statement.setString(2, zone.getId());
                statement.setTimestamp(
                        3, Timestamp.from(end.plusDays(1).atStartOfDay(zone).toInstant()));
                long rows = 0;
                try (var result = statement.executeQuery()) {
                    while (result.next()) {
                        rows += result.getInt(2) >= 0 ? 1 : 0;
                    }
                }
                System.out.printf("summary rows: %,d%n", rows);
            }
            connection.commit();
            return seconds(started);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
