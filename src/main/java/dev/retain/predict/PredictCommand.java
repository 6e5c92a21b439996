package dev.retain.predict;

import dev.retain.platform.CommandLineOptions;
import dev.retain.platform.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code ./retain predict clv --calibration-end 2026-06-30 --unit days|weeks [--holdout-end D]}: fits the lifetime-value
 * models on the local database's order history up to the calibration end and prints the parameters as
 * {@code name=value}, their standard errors, the log-likelihood and the holdout report. Exits 0 when done, 2 for wrong
 * arguments or too little data.
 */
@Component
@ConditionalOnProperty(name = "retain.command", havingValue = "predict")
class PredictCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = """
            ./retain predict clv --calibration-end 2026-06-30 [--holdout-end 2026-11-23] [--unit days|weeks]""";

    private final ClvModelCheck check;
    private int exitCode;

    PredictCommand(ClvModelCheck check) {
        this.check = check;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String[] args = arguments.getSourceArgs();
        Map<String, String> options = CommandLineOptions.parse(args);
        if (args.length == 0 || !args[0].equals("clv") || !options.containsKey("calibration-end")) {
            System.err.println("Missing the model or --calibration-end.\n" + USAGE);
            exitCode = 2;
            return;
        }
        try {
            ClvFits.StoredFit fit = check.check(
                    LocalDate.parse(options.get("calibration-end")),
                    options.containsKey("holdout-end") ? LocalDate.parse(options.get("holdout-end")) : null,
                    TimeUnitOfFit.parse(options.get("unit")));
            print(fit);
        } catch (DateTimeParseException e) {
            System.err.println("'" + e.getParsedString() + "' is not a date like 2026-06-30.\n" + USAGE);
            exitCode = 2;
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach((field, message) -> System.err.println(field + ": " + message));
            exitCode = 2;
        }
    }

    private void print(ClvFits.StoredFit fit) {
        System.out.printf(
                "customers=%d calibration_end=%s holdout_end=%s unit=%s%n",
                fit.customers(),
                fit.calibrationEnd(),
                fit.holdout().holdoutEnd(),
                fit.unit().name().toLowerCase(Locale.ROOT));
        print(ModelSummary.of(fit.purchases()));
        if (fit.spend() != null) {
            print(ModelSummary.ofSpend(fit.spend()));
        } else {
            System.out.println(
                    "Gamma-Gamma: not fitted (fewer than " + ClvFits.MIN_REPEAT_CUSTOMERS + " repeat customers)");
        }
        HoldoutReport holdout = fit.holdout();
        System.out.printf(
                Locale.ROOT,
                "holdout: %.1f %s after the calibration end%n",
                holdout.holdoutLength(),
                fit.unit().name().toLowerCase(Locale.ROOT));
        System.out.printf("%-18s %10s %12s %12s%n", "repeat_purchases", "customers", "actual", "predicted");
        for (HoldoutReport.Group group : holdout.groups()) {
            System.out.printf(
                    Locale.ROOT,
                    "%-18s %10d %12.4f %12.4f%n",
                    group.repeatPurchases(),
                    group.customers(),
                    group.actualAverage(),
                    group.predictedAverage());
        }
        System.out.printf(
                Locale.ROOT,
                "holdout_actual=%.1f holdout_predicted=%.1f%n",
                holdout.actualPurchases(),
                holdout.predictedPurchases());
    }

    private void print(ModelSummary summary) {
        System.out.printf(
                Locale.ROOT,
                "%s: %s log_likelihood=%.3f converged=%s%n  standard errors: %s%n",
                summary.model(),
                summary.parametersText(),
                summary.logLikelihood(),
                summary.converged(),
                summary.standardErrorsText());
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
