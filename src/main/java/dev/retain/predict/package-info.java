/**
 * Prediction: for non-contract buyers, the BG/NBD purchase model (P(alive), expected purchases) and the Gamma-Gamma
 * spend model (expected order value, hence lifetime value), fitted by maximum likelihood.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Prediction")
package dev.retain.predict;
