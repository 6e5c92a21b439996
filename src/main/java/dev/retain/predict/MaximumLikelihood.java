package dev.retain.predict;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits positive parameters by maximising a log-likelihood: Nelder-Mead on their logarithms (so they stay positive),
 * within bounds, restarted from its own answer until it stops improving, then standard errors from the observed
 * information (a numerical Hessian on the log scale, carried back by the delta method).
 */
final class MaximumLikelihood {

    /** The estimates, their standard errors, the log-likelihood at them, and whether the search converged. */
    record Estimate(
            double[] values, double[] standardErrors, double logLikelihood, int evaluations, boolean converged) {

        /** The fit of the model built from {@link #values}. */
        <M> Fit<M> fitOf(M model) {
            return new Fit<>(
                    model, Arrays.stream(standardErrors).boxed().toList(), logLikelihood, evaluations, converged);
        }
    }

    private static final int MAX_EVALUATIONS = 20_000;

    /**
     * Every parameter stays within [10⁻⁶, 10⁶]. Without a bound, data with hardly any spread in purchase rates or order
     * values send r, α, q or γ off towards infinity, where the likelihood is flat and only rounding moves it.
     */
    static final double LOG_LOWER = Math.log(1e-6);

    static final double LOG_UPPER = Math.log(1e6);

    private MaximumLikelihood() {}

    /** {@code logLikelihood} of the parameters (all positive), summed over the data. */
    static Estimate fit(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        int n = start.length;
        double[] point = new double[n];
        for (int i = 0; i < n; i++) {
            point[i] = Math.log(start[i]);
        }
        ToDoubleFunction<double[]> onLogScale = logs -> {
            double[] inside = clamped(logs);
            double outside = 0;
            for (int i = 0; i < n; i++) {
                outside += Math.abs(logs[i] - inside[i]);
            }
            double value = logLikelihood.applyAsDouble(exp(inside));
            // past a bound the likelihood is that of the bound, made worse the further out: the search turns back
            return Double.isFinite(value) ? value - outside * (1 + Math.abs(value)) : -1e300;
        };
        double best = Double.NEGATIVE_INFINITY;
        int evaluations = 0;
        boolean converged = false;
        for (int restart = 0; restart < 5 && evaluations < MAX_EVALUATIONS; restart++) {
            var optimizer = new SimplexOptimizer(1e-10, 1e-9);
            PointValuePair result = optimizer.optimize(
                    new MaxEval(MAX_EVALUATIONS),
                    new MaxIter(MAX_EVALUATIONS),
                    new ObjectiveFunction(logs -> onLogScale.applyAsDouble(logs)),
                    GoalType.MAXIMIZE,
                    new InitialGuess(point),
                    new NelderMeadSimplex(n, 0.5));
            evaluations += optimizer.getEvaluations();
            point = result.getPoint();
            converged = result.getValue() - best < 1e-9;
            best = result.getValue();
            if (converged) {
                break;
            }
        }
        point = clamped(point);
        return new Estimate(exp(point), standardErrors(onLogScale, point), best, evaluations, converged);
    }

    /**
     * Standard errors from the inverse of the observed information on the log scale: se(θ) = θ · se(log θ). A parameter
     * held at a bound has none (the data do not determine it); the others' come from the information among themselves.
     */
    private static double[] standardErrors(ToDoubleFunction<double[]> logLikelihood, double[] logs) {
        double[] errors = new double[logs.length];
        Arrays.fill(errors, Double.NaN);
        int[] free = IntStream.range(0, logs.length)
                .filter(i -> logs[i] - LOG_LOWER > 1e-3 && LOG_UPPER - logs[i] > 1e-3)
                .toArray();
        int n = free.length;
        double h = 1e-4;
        RealMatrix information = MatrixUtils.createRealMatrix(Math.max(n, 1), Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double second = (at(logLikelihood, logs, free[i], h, free[j], h)
                                - at(logLikelihood, logs, free[i], h, free[j], -h)
                                - at(logLikelihood, logs, free[i], -h, free[j], h)
                                + at(logLikelihood, logs, free[i], -h, free[j], -h))
                        / (4 * h * h);
                information.setEntry(i, j, -second);
                information.setEntry(j, i, -second);
            }
        }
        var solver = new LUDecomposition(information).getSolver();
        if (n == 0 || !solver.isNonSingular()) {
            return errors; // a flat likelihood: the data do not pin the parameters down
        }
        RealMatrix covariance = solver.getInverse();
        for (int i = 0; i < n; i++) {
            double variance = covariance.getEntry(i, i);
            errors[free[i]] = variance > 0 ? Math.exp(logs[free[i]]) * Math.sqrt(variance) : Double.NaN;
        }
        return errors;
    }

    private static double at(ToDoubleFunction<double[]> f, double[] x, int i, double di, int j, double dj) {
        double[] moved = x.clone();
        moved[i] += di;
        moved[j] += dj;
        return f.applyAsDouble(moved);
    }

    private static final int CHUNKS = 64;

    /** The sum of {@code term(0) … term(n − 1)} on every core, in fixed chunks so the result does not depend on timing. */
    static double sum(int n, IntToDoubleFunction term) {
        double[] partial = new double[CHUNKS];
        int size = (n + CHUNKS - 1) / CHUNKS;
        IntStream.range(0, CHUNKS).parallel().forEach(chunk -> {
            double sum = 0;
            for (int i = chunk * size, end = Math.min(n, i + size); i < end; i++) {
                sum += term.applyAsDouble(i);
            }
            partial[chunk] = sum;
        });
        double total = 0;
        for (double sum : partial) {
            total += sum;
        }
        return total;
    }

    private static double[] clamped(double[] logs) {
        double[] inside = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            inside[i] = Math.max(LOG_LOWER, Math.min(LOG_UPPER, logs[i]));
        }
        return inside;
    }

    private static double[] exp(double[] logs) {
        double[] values = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            values[i] = Math.exp(logs[i]);
        }
        return values;
    }
}
