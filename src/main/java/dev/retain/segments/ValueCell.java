package dev.retain.segments;

/**
 * The 8-cell RFM value matrix (重要价值 … 一般挽留): R, F and M each high or low against the average of the scored
 * customers. High R means recent: recency in days at or below the average; high F and M mean at or above the average
 * (a value equal to the average counts as high).
 */
public enum ValueCell {
    IMPORTANT_VALUE(true, true, true),
    IMPORTANT_DEVELOP(true, false, true),
    IMPORTANT_KEEP(false, true, true),
    IMPORTANT_RETAIN(false, false, true),
    GENERAL_VALUE(true, true, false),
    GENERAL_DEVELOP(true, false, false),
    GENERAL_KEEP(false, true, false),
    GENERAL_RETAIN(false, false, false);

    private final boolean recent;
    private final boolean frequent;
    private final boolean valuable;

    ValueCell(boolean recent, boolean frequent, boolean valuable) {
        this.recent = recent;
        this.frequent = frequent;
        this.valuable = valuable;
    }

    public static ValueCell of(boolean recent, boolean frequent, boolean valuable) {
        for (ValueCell cell : values()) {
            if (cell.recent == recent && cell.frequent == frequent && cell.valuable == valuable) {
                return cell;
            }
        }
        throw new IllegalStateException("every combination has a cell");
    }

    /** The cell as a SQL {@code case} over three boolean expressions. */
    static String caseSql(String recentSql, String frequentSql, String valuableSql) {
        var sql = new StringBuilder("case");
        for (ValueCell cell : values()) {
            sql.append(" when ")
                    .append(cell.recent ? "" : "not ")
                    .append(recentSql)
                    .append(" and ")
                    .append(cell.frequent ? "" : "not ")
                    .append(frequentSql)
                    .append(" and ")
                    .append(cell.valuable ? "" : "not ")
                    .append(valuableSql)
                    .append(" then '")
                    .append(cell.name())
                    .append("'");
        }
        return sql.append(" end").toString();
    }
}
