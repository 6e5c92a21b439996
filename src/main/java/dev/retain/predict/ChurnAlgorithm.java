package dev.retain.predict;

/** The kinds of churn model trained side by side. */
public enum ChurnAlgorithm {
    BOOSTED_TREES,
    LOGISTIC_REGRESSION
}
