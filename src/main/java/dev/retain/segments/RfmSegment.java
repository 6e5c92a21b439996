package dev.retain.segments;

/**
 * The 11 RFM segments. A customer's segment comes from their R score and FM score (the mean of F and M, rounded half
 * up) by the grid in {@link #of}: complete (every score pair has exactly one segment) and monotone in both.
 */
public enum RfmSegment {
    CHAMPIONS,
    LOYAL,
    POTENTIAL_LOYALISTS,
    NEW,
    PROMISING,
    NEED_ATTENTION,
    ABOUT_TO_SLEEP,
    AT_RISK,
    CANT_LOSE_THEM,
    HIBERNATING,
    LOST;

    /** Rows R = 5 down to 1, columns FM = 1 to 5. */
    private static final RfmSegment[][] GRID = {
        {NEW, POTENTIAL_LOYALISTS, POTENTIAL_LOYALISTS, CHAMPIONS, CHAMPIONS},
        {PROMISING, POTENTIAL_LOYALISTS, POTENTIAL_LOYALISTS, LOYAL, CHAMPIONS},
        {ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEED_ATTENTION, LOYAL, LOYAL},
        {HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE_THEM},
        {LOST, LOST, AT_RISK, CANT_LOSE_THEM, CANT_LOSE_THEM}
    };

    public static RfmSegment of(int r, int f, int m) {
        int fm = (f + m + 1) / 2;
        return GRID[5 - r][fm - 1];
    }

    /** The grid as SQL {@code values (r, fm, segment)} rows, for set-based scoring. */
    static String gridValues() {
        var rows = new StringBuilder();
        for (int r = 5; r >= 1; r--) {
            for (int fm = 1; fm <= 5; fm++) {
                rows.append(rows.length() == 0 ? "" : ", ")
                        .append("(")
                        .append(r)
                        .append(", ")
                        .append(fm)
                        .append(", '")
                        .append(GRID[5 - r][fm - 1].name())
                        .append("')");
            }
        }
        return "values " + rows;
    }
}
