package dev.retain.predict;

/**
 * Customers' churn features as of one day, one row per customer, the columns in {@link ChurnFeature} order (row-major,
 * as XGBoost reads them); {@code churned} is 1 or 0 per row when labelled, null otherwise.
 */
public record FeatureTable(long[] customerIds, float[] values, float[] churned) {

    static final int COLUMNS = ChurnFeature.values().length;

    public int rows() {
        return customerIds.length;
    }

    public float value(int row, ChurnFeature feature) {
        return values[row * COLUMNS + feature.ordinal()];
    }

    /** The given rows only, in the given order. */
    FeatureTable select(int[] rows) {
        long[] ids = new long[rows.length];
        float[] selected = new float[rows.length * COLUMNS];
        float[] labels = churned == null ? null : new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ids[i] = customerIds[rows[i]];
            System.arraycopy(values, rows[i] * COLUMNS, selected, i * COLUMNS, COLUMNS);
            if (labels != null) {
                labels[i] = churned[rows[i]];
            }
        }
        return new FeatureTable(ids, selected, labels);
    }

    /** The share of labelled rows that churned. */
    public double churnRate() {
        double sum = 0;
        for (float label : churned) {
            sum += label;
        }
        return churned.length == 0 ? 0 : sum / churned.length;
    }
}
