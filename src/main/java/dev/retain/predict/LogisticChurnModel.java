package dev.retain.predict;

import java.util.ArrayList;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logistic regression (Tribuo) on standardised log(1 + x) features, kept as its coefficients: the probability is the
 * logistic of their weighted sum, and each feature's contribution is its weight times its standardised value.
 */
final class LogisticChurnModel implements ChurnModel {

    /** What is stored: per feature the mean and spread of log(1 + x) in training, and its weight; the intercept. */
    record Coefficients(double[] means, double[] spreads, double[] weights, double intercept) {}

    /** Enough rows for a linear model; more only slow the training. */
    static final int MAX_TRAINING_ROWS = 200_000;

    private static final Label CHURNED = new Label("churned");
    private static final Label STAYED = new Label("stayed");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Tribuo reports every thousand steps at INFO; held here so the level set on it stays. */
    private static final Logger TRIBUO = Logger.getLogger("org.tribuo");

    static {
        TRIBUO.setLevel(Level.WARNING);
    }

    private final Coefficients coefficients;

    private LogisticChurnModel(Coefficients coefficients) {
        this.coefficients = coefficients;
    }

    static LogisticChurnModel train(FeatureTable table) {
        int columns = FeatureTable.COLUMNS;
        double[] means = new double[columns];
        double[] spreads = new double[columns];
        for (int column = 0; column < columns; column++) {
            double sum = 0;
            double squares = 0;
            for (int row = 0; row < table.rows(); row++) {
                double x = logOf(table.values()[row * columns + column]);
                sum += x;
                squares += x * x;
            }
            means[column] = sum / table.rows();
            double variance = squares / table.rows() - means[column] * means[column];
            spreads[column] = variance > 1e-12 ? Math.sqrt(variance) : 1;
        }
        var standardise = new Coefficients(means, spreads, new double[columns], 0);
        var factory = new LabelFactory();
        var examples = new ArrayList<Example<Label>>();
        String[] names = ChurnFeature.keys();
        double keep = Math.min(1, (double) MAX_TRAINING_ROWS / table.rows());
        var random = new Random(7);
        for (int row = 0; row < table.rows(); row++) {
            if (keep < 1 && random.nextDouble() >= keep) {
                continue;
            }
            Label label = table.churned()[row] > 0.5f ? CHURNED : STAYED;
            examples.add(new ArrayExample<>(label, names, standardised(standardise, table, row)));
        }
        var data = new MutableDataset<>(
                new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("churn features", factory)));
        var model = (LinearSGDModel) new LogisticRegressionTrainer().train(data);
        return new LogisticChurnModel(coefficientsOf(model, means, spreads));
    }

    /** A two-label softmax is the logistic of the difference between the labels' scores. */
    private static Coefficients coefficientsOf(LinearSGDModel model, double[] means, double[] spreads) {
        DenseMatrix weights = model.getWeightsCopy();
        int churned = model.getOutputIDInfo().getID(CHURNED);
        int stayed = model.getOutputIDInfo().getID(STAYED);
        double[] difference = new double[FeatureTable.COLUMNS];
        String[] names = ChurnFeature.keys();
        for (int column = 0; column < names.length; column++) {
            int id = model.getFeatureIDMap().getID(names[column]);
            difference[column] = id < 0 ? 0 : weights.get(churned, id) - weights.get(stayed, id);
        }
        int bias = weights.getDimension2Size() - 1;
        return new Coefficients(means, spreads, difference, weights.get(churned, bias) - weights.get(stayed, bias));
    }

    static LogisticChurnModel load(byte[] bytes) {
        return new LogisticChurnModel(JSON.readValue(bytes, Coefficients.class));
    }

    @Override
    public ChurnAlgorithm algorithm() {
        return ChurnAlgorithm.LOGISTIC_REGRESSION;
    }

    @Override
    public double[] probabilities(FeatureTable table) {
        double[] probabilities = new double[table.rows()];
        for (int row = 0; row < table.rows(); row++) {
            double[] z = standardised(coefficients, table, row);
            double sum = coefficients.intercept();
            for (int column = 0; column < z.length; column++) {
                sum += coefficients.weights()[column] * z[column];
            }
            probabilities[row] = 1 / (1 + Math.exp(-sum));
        }
        return probabilities;
    }

    @Override
    public float[][] contributions(FeatureTable table) {
        float[][] contributions = new float[table.rows()][FeatureTable.COLUMNS];
        for (int row = 0; row < table.rows(); row++) {
            double[] z = standardised(coefficients, table, row);
            for (int column = 0; column < z.length; column++) {
                contributions[row][column] = (float) (coefficients.weights()[column] * z[column]);
            }
        }
        return contributions;
    }

    @Override
    public byte[] bytes() {
        return JSON.writeValueAsBytes(coefficients);
    }

    Coefficients coefficients() {
        return coefficients;
    }

    private static double[] standardised(Coefficients c, FeatureTable table, int row) {
        double[] z = new double[FeatureTable.COLUMNS];
        for (int column = 0; column < z.length; column++) {
            z[column] = (logOf(table.values()[row * FeatureTable.COLUMNS + column]) - c.means()[column])
                    / c.spreads()[column];
        }
        return z;
    }

    private static double logOf(float x) {
        return Math.log1p(Math.max(0, x));
    }
}
