package dev.retain.predict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/** Gradient-boosted trees (XGBoost); contributions follow each customer's path through the trees. */
final class BoostedTreesChurnModel implements ChurnModel {

    private static final Map<String, Object> PARAMETERS = Map.of(
            "objective",
            "binary:logistic",
            "max_depth",
            4,
            "eta",
            0.1,
            "subsample",
            0.8,
            "min_child_weight",
            5,
            "tree_method",
            "hist",
            "nthread",
            Runtime.getRuntime().availableProcessors(),
            "seed",
            7,
            "verbosity",
            0);

    private static final int ROUNDS = 200;

    private final Booster booster;
    private TreeContributions paths;

    private BoostedTreesChurnModel(Booster booster) {
        this.booster = booster;
    }

    static BoostedTreesChurnModel train(FeatureTable table) {
        try {
            DMatrix data = matrix(table);
            data.setLabel(table.churned());
            try {
                return new BoostedTreesChurnModel(XGBoost.train(data, PARAMETERS, ROUNDS, Map.of(), null, null));
            } finally {
                data.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not train: " + e.getMessage(), e);
        }
    }

    static BoostedTreesChurnModel load(byte[] bytes) {
        try {
            return new BoostedTreesChurnModel(XGBoost.loadModel(bytes));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not load the model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ChurnAlgorithm algorithm() {
        return ChurnAlgorithm.BOOSTED_TREES;
    }

    @Override
    public double[] probabilities(FeatureTable table) {
        float[][] predicted = predict(table);
        double[] probabilities = new double[predicted.length];
        for (int i = 0; i < predicted.length; i++) {
            probabilities[i] = predicted[i][0];
        }
        return probabilities;
    }

    /** Path contributions (see {@link TreeContributions}), worked out from the trees once per loaded model. */
    @Override
    public float[][] contributions(FeatureTable table) {
        if (paths == null) {
            try {
                paths = TreeContributions.of(booster.getModelDump("", true, "json"));
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost could not dump its trees: " + e.getMessage(), e);
            }
        }
        return paths.of(table);
    }

    private float[][] predict(FeatureTable table) {
        try {
            DMatrix data = matrix(table);
            try {
                return booster.predict(data);
            } finally {
                data.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not predict: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] bytes() {
        try {
            return booster.toByteArray("ubj");
        } catch (XGBoostError e) {
            throw new IllegalStateException(e);
        }
    }

    private static DMatrix matrix(FeatureTable table) throws XGBoostError {
        return new DMatrix(table.values(), table.rows(), FeatureTable.COLUMNS, Float.NaN);
    }
}
