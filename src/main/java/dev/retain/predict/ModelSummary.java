package dev.retain.predict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fitted model as users read it: parameters by name with their standard errors (null where the data do not determine
 * the parameter), log-likelihood, convergence.
 */
public record ModelSummary(
        String model,
        Map<String, Double> parameters,
        Map<String, Double> standardErrors,
        double logLikelihood,
        int evaluations,
        boolean converged) {

    public static ModelSummary of(Fit<BgNbd> fit) {
        BgNbd m = fit.model();
        return of("BG/NBD", List.of("r", "alpha", "a", "b"), List.of(m.r(), m.alpha(), m.a(), m.b()), fit);
    }

    public static ModelSummary ofSpend(Fit<GammaGamma> fit) {
        GammaGamma m = fit.model();
        return of("Gamma-Gamma", List.of("p", "q", "gamma"), List.of(m.p(), m.q(), m.gamma()), fit);
    }

    private static ModelSummary of(String model, List<String> names, List<Double> values, Fit<?> fit) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.put(names.get(i), values.get(i));
            double error = fit.standardErrors().get(i);
            errors.put(names.get(i), Double.isNaN(error) ? null : error);
        }
        return new ModelSummary(model, parameters, errors, fit.logLikelihood(), fit.evaluations(), fit.converged());
    }

    /** {@code r=0.2430 alpha=4.4140 …}. */
    public String parametersText() {
        return text(parameters);
    }

    public String standardErrorsText() {
        return text(standardErrors);
    }

    private static String text(Map<String, Double> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "="
                        + (e.getValue() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", e.getValue())))
                .collect(Collectors.joining(" "));
    }
}
