/**
 * Prediction: for non-contract buyers, the BG/NBD purchase model (P(alive), expected purchases) and the Gamma-Gamma
 * spend model (expected order value, hence lifetime value), fitted by maximum likelihood and checked on a holdout
 * period; churn risk from models trained on a time split, kept in a registry, with per-customer reasons; product
 * associations, companion gaps and next-best products. Scores serve as condition fields for tags and segments.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Prediction")
package dev.retain.predict;
