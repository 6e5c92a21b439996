package dev.retain.ingest.cleansing;

/**
 * Why one cell of an import could not be read. The message is shown to the user next to that cell, so it quotes what
 * the cell held and says in a few words what is wrong with it: {@code '2026-13-01' is not a date}.
 */
public class CellProblem extends IllegalArgumentException {

    private static final int LONGEST_QUOTE = 60;

    public CellProblem(String raw, String reason) {
        super("'" + quote(raw) + "' " + reason);
    }

    private CellProblem(String message) {
        super(message);
    }

    /** Skipping blank cells is the caller's decision; a reader handed one says so. */
    public static CellProblem empty() {
        return new CellProblem("is empty");
    }

    /** A bad file can hold millions of bad cells, and a stack trace tells the user who reads them nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private static String quote(String raw) {
        if (raw.length() <= LONGEST_QUOTE) {
            return raw;
        }
        int cut = Character.isHighSurrogate(raw.charAt(LONGEST_QUOTE - 1)) ? LONGEST_QUOTE - 1 : LONGEST_QUOTE;
        return raw.substring(0, cut) + "…";
    }
}
