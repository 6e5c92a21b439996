package dev.retain.predict.web;

import dev.retain.predict.ClvFits;
import dev.retain.predict.HoldoutReport;
import dev.retain.predict.ModelSummary;
import dev.retain.predict.TimeUnitOfFit;
import java.time.Instant;
import java.time.LocalDate;

/** A lifetime-value fit as the API and the page show it; {@code spend} and {@code holdout} may be null. */
record ClvFitView(
        long id,
        LocalDate calibrationEnd,
        TimeUnitOfFit unit,
        long customers,
        ModelSummary purchases,
        ModelSummary spend,
        HoldoutReport holdout,
        Instant fittedAt) {

    static ClvFitView of(ClvFits.StoredFit fit) {
        return new ClvFitView(
                fit.id(),
                fit.calibrationEnd(),
                fit.unit(),
                fit.customers(),
                ModelSummary.of(fit.purchases()),
                fit.spend() == null ? null : ModelSummary.ofSpend(fit.spend()),
                fit.holdout(),
                fit.fittedAt());
    }
}
