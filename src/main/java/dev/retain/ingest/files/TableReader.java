package dev.retain.ingest.files;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A table read row by row: a header row, then data rows. Never holds the whole file in memory, so an import of a
 * million-row export runs in constant memory and can report progress as it goes.
 */
public interface TableReader extends Closeable {

    /** Trimmed header cells (BOM removed); empty header cells become "column N" (1-based). */
    List<String> headers();

    /**
     * The next data row's cells (as many as the row has; callers pad), or null at the end. Skips rows whose cells are
     * all blank.
     */
    String[] next() throws IOException;

    /**
     * Why the row last returned by {@link #next()} was refused while it was read (a cell over the length limit, a NUL
     * character), naming the row and column; null when it was read whole. A refused row's over-long cell holds only its
     * start, for showing it among the rejected rows.
     */
    default String rowProblem() {
        return null;
    }

    /**
     * 1-based line/row number in the file of the row last returned by {@link #next()} (the header is row 1 when it is
     * the first line), for error reports.
     */
    long rowNumber();

    /** Bytes of the source consumed so far, for progress. */
    long bytesRead();

    /** Total size of the source in bytes, or -1 when unknown. */
    long totalBytes();
}
