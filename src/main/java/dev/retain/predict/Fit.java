package dev.retain.predict;

import java.util.List;

/**
 * A fitted model with the standard errors of its parameters (in the model's order), the log-likelihood at the
 * estimates, and whether the search converged.
 */
public record Fit<M>(M model, List<Double> standardErrors, double logLikelihood, int evaluations, boolean converged) {}
