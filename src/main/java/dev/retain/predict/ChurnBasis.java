package dev.retain.predict;

/** What churn means for the company's customers. */
public enum ChurnBasis {
    /** A repeat buyer has churned after a number of days without a paid order. */
    REPEAT_PURCHASE,
    /** A contract customer has churned when their contract ends and is not renewed (its end date not moved on). */
    CONTRACT_RENEWAL
}
