package dev.retain.predict;

/** A trained churn model: the probability of churning and each feature's contribution to it, per row. */
interface ChurnModel {

    ChurnAlgorithm algorithm();

    double[] probabilities(FeatureTable table);

    /**
     * Per row, per feature (in {@link ChurnFeature} order): how much the feature moves this customer's log-odds of
     * churning away from the average customer's.
     */
    float[][] contributions(FeatureTable table);

    /** The model as stored in the registry. */
    byte[] bytes();
}
