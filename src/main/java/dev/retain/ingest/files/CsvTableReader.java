package dev.retain.ingest.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads CSV, TSV and other delimited text as exported by Excel, WPS and Chinese ERP and e-commerce systems: guesses
 * the charset (UTF-8 or GB18030, which covers GBK) and the delimiter, and parses RFC 4180 quoting leniently. A
 * hand-written state machine over a large char buffer keeps it above a million rows a second.
 */
public final class CsvTableReader implements TableReader {

    /** Enough text to tell UTF-8 from GBK with near certainty, yet small enough to keep in the stream's buffer. */
    static final int SNIFF_BYTES = 64 * 1024;

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final Charset GB18030 = Charset.forName("GB18030");

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final CountingInputStream counter;
    private final Reader reader;
    private final long totalBytes;
    private final int maxCellChars;
    private final long maxRowChars;
    private final char[] buf = new char[64 * 1024];
    private int pos;
    private int limit;
    /** Chars before {@code buf[0]}, so a CR and the LF after it can be matched across refills. */
    private long bufferStart;

    private char delimiter;
    private List<String> headers;
    private String[] cells = new String[16];
    private int cellCount;

    /** A cell that spans refills or holds escaped quotes; {@code quotedLength} chars of it must not be trimmed. */
    private final StringBuilder pending = new StringBuilder();

    private boolean pendingUsed;
    private int quotedLength;

    private long lines;
    private long lastCrAt = -2;
    private long recordLine;
    private long rowNumber;

    /** The cell being read passed the limit: what comes of it is dropped, and only its start kept for showing. */
    private boolean cellTooLong;

    private String tooLongStart;
    /** Why the record being read is refused, or null; and that of the row last returned. */
    private String recordProblem;

    private String rowProblem;
    /** Characters of the record's cells so far, against the limit of a row. */
    private long recordChars;

    private CsvTableReader(CountingInputStream counter, Reader reader, long totalBytes, int maxCellChars) {
        this.counter = counter;
        this.reader = reader;
        this.totalBytes = totalBytes;
        this.maxCellChars = maxCellChars;
        this.maxRowChars = TableReaders.maxRowChars(maxCellChars);
    }

    /**
     * Reads the header row of {@code in}, guessing the charset when {@code charsetOrNull} is null. Takes ownership of
     * the stream: it is closed by {@link #close()}, or right away when the header cannot be read.
     */
    public static CsvTableReader open(InputStream in, long totalBytes, Charset charsetOrNull) throws IOException {
        return open(in, totalBytes, charsetOrNull, TableReaders.DEFAULT_MAX_CELL_CHARS);
    }

    /**
     * The same, refusing a row with a cell longer than {@code maxCellChars}: the rest of the cell is skipped as it is
     * read, so one endless cell (a hostile file) is never held in memory whole. A quote left open, which makes the rest
     * of the file one cell, fails the file.
     */
    public static CsvTableReader open(InputStream in, long totalBytes, Charset charsetOrNull, int maxCellChars)
            throws IOException {
        CountingInputStream counter = new CountingInputStream(in);
        try {
            BufferedInputStream buffered = new BufferedInputStream(counter, SNIFF_BYTES);
            Charset charset = charsetOrNull != null ? charsetOrNull : detectCharset(buffered);
            CsvTableReader csv =
                    new CsvTableReader(counter, new InputStreamReader(buffered, charset), totalBytes, maxCellChars);
            csv.readHeader();
            return csv;
        } catch (IOException | RuntimeException e) {
            counter.close();
            throw e;
        }
    }

    /** Looks at the first 64 KB and rewinds: a byte order mark wins, then valid UTF-8, else GB18030. */
    private static Charset detectCharset(BufferedInputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        int n = head.length;
        // The BOM itself is decoded to U+FEFF and dropped with the first header cell.
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                throw new UnreadableFileException("not a text table: the file contains binary data");
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // When the window ends inside a multi-byte character, the decoder stops there without calling it an error.
        boolean endOfInput = n < SNIFF_BYTES;
        boolean valid = !utf8.decode(ByteBuffer.wrap(head), CharBuffer.allocate(n), endOfInput)
                .isError();
        return valid ? StandardCharsets.UTF_8 : GB18030;
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public String[] next() throws IOException {
        while (readRecord()) {
            if (!isBlankRecord()) {
                rowNumber = recordLine;
                rowProblem = recordProblem;
                return Arrays.copyOf(cells, cellCount);
            }
        }
        return null;
    }

    @Override
    public long rowNumber() {
        return rowNumber;
    }

    @Override
    public String rowProblem() {
        return rowProblem;
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    /** The delimiter found on the header line. */
    public char delimiter() {
        return delimiter;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private void readHeader() throws IOException {
        if (!fill()) {
            throw new UnreadableFileException("the file is empty");
        }
        if (buf[0] == '\uFEFF') {
            pos = 1;
        }
        delimiter = sniffDelimiter();
        String[] row = next();
        if (row == null) {
            throw new UnreadableFileException("the file is empty");
        }
        if (rowProblem != null) {
            throw new UnreadableFileException("the header row cannot be read: " + rowProblem);
        }
        String[] names = new String[row.length];
        for (int i = 0; i < row.length; i++) {
            String name = row[i].strip();
            names[i] = name.isEmpty() ? "column " + (i + 1) : name;
        }
        headers = List.of(names);
    }

    /** Counts the candidate delimiters outside quotes on the first non-blank line in the buffer; ties go to ','. */
    private char sniffDelimiter() {
        int[] counts = new int[DELIMITERS.length];
        boolean inQuotes = false;
        boolean content = false;
        for (int i = pos; i < limit; i++) {
            char c = buf[i];
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && (c == '\n' || c == '\r')) {
                if (content) {
                    break;
                }
            } else if (!inQuotes) {
                for (int d = 0; d < DELIMITERS.length; d++) {
                    if (c == DELIMITERS[d]) {
                        counts[d]++;
                    }
                }
                content |= !isTrimmed(c);
            }
        }
        int best = 0;
        for (int d = 1; d < DELIMITERS.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DELIMITERS[best];
    }

    /**
     * Parses one record into {@code cells}, possibly across several physical lines and buffer refills. Returns false
     * at the end of the input.
     */
    private boolean readRecord() throws IOException {
        cellCount = 0;
        resetPending();
        cellTooLong = false;
        recordProblem = null;
        recordChars = 0;
        recordLine = lines + 1;
        final char d = delimiter;
        final char[] b = buf;
        int state = FIELD_START;
        boolean started = false;
        int i = pos;
        int runStart = i;
        while (true) {
            if (i >= limit) {
                if (state == UNQUOTED || state == QUOTED) {
                    pending.append(b, runStart, i - runStart);
                    pendingUsed = true;
                    checkLength(pending.length());
                }
                boolean more = fill();
                i = 0;
                runStart = 0;
                if (!more) {
                    if (!started) {
                        return false;
                    }
                    if (state == QUOTED && cellTooLong) {
                        throw new UnreadableFileException(TableReaders.cellTooLong(recordLine, maxCellChars)
                                + "; a quote left open makes a cell run on to the end of the file");
                    }
                    addCell(state == UNQUOTED ? unquotedCell(0, 0) : pendingCell());
                    return true;
                }
            }
            char c = b[i];
            if (state == FIELD_START) {
                if (c == d) {
                    addCell("");
                    started = true;
                    i++;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\n' && !started && lastCrAt == bufferStart + i - 1) {
                        // The LF of a CRLF whose CR ended the previous record.
                        i++;
                        continue;
                    }
                    addCell("");
                    endLine(c, i);
                    return true;
                } else if (c == '"') {
                    state = QUOTED;
                    started = true;
                    runStart = ++i;
                } else if (isTrimmed(c)) {
                    started = true;
                    i++;
                } else {
                    state = UNQUOTED;
                    started = true;
                    runStart = i++;
                }
            } else if (state == UNQUOTED) {
                while (i < limit) {
                    c = b[i];
                    if (c == d || c == '\n' || c == '\r') {
                        break;
                    }
                    i++;
                }
                if (i == limit) {
                    continue;
                }
                addCell(unquotedCell(runStart, i));
                if (c == d) {
                    state = FIELD_START;
                    i++;
                } else {
                    endLine(c, i);
                    return true;
                }
            } else if (state == QUOTED) {
                while (i < limit) {
                    c = b[i];
                    if (c == '"' || c == '\n' || c == '\r') {
                        break;
                    }
                    i++;
                }
                if (i == limit) {
                    continue;
                }
                if (c != '"') {
                    countQuotedLineBreak(c, i);
                    i++;
                    continue;
                }
                int after = i + 1;
                if (!pendingUsed && after < limit) {
                    char next = b[after];
                    if (next == d || next == '\n' || next == '\r') {
                        // The common case: a closed quote right before a delimiter, no copy needed.
                        addCell(new String(b, runStart, i - runStart));
                        if (next == d) {
                            state = FIELD_START;
                            i = after + 1;
                            continue;
                        }
                        endLine(next, after);
                        return true;
                    }
                }
                pending.append(b, runStart, i - runStart);
                pendingUsed = true;
                checkLength(pending.length());
                state = QUOTE_IN_QUOTED;
                i = after;
            } else {
                if (c == '"') {
                    // An escaped quote: keep one and stay inside the quotes.
                    state = QUOTED;
                    runStart = i++;
                } else {
                    // The quote closed the cell; whatever follows up to the delimiter is kept, as Excel does.
                    quotedLength = pending.length();
                    state = UNQUOTED;
                    runStart = i;
                }
            }
        }
    }

    private void endLine(char c, int i) {
        lines++;
        if (c == '\r') {
            lastCrAt = bufferStart + i;
        }
        pos = i + 1;
    }

    private void countQuotedLineBreak(char c, int i) {
        long at = bufferStart + i;
        if (c == '\r') {
            lines++;
            lastCrAt = at;
        } else if (lastCrAt != at - 1) {
            lines++;
        }
    }

    /** An unquoted cell (or the tail after a closing quote) ending at {@code end}, trailing whitespace trimmed. */
    private String unquotedCell(int start, int end) {
        if (!pendingUsed) {
            while (end > start && isTrimmed(buf[end - 1])) {
                end--;
            }
            return new String(buf, start, end - start);
        }
        pending.append(buf, start, end - start);
        int length = pending.length();
        while (length > quotedLength && isTrimmed(pending.charAt(length - 1))) {
            length--;
        }
        pending.setLength(length);
        return pending.toString();
    }

    private String pendingCell() {
        return pendingUsed ? pending.toString() : "";
    }

    private void addCell(String value) {
        if (cellTooLong || value.length() > maxCellChars) {
            refuse(TableReaders.cellTooLong(recordLine, maxCellChars, TableReaders.columnName(headers, cellCount)));
            value = cellTooLong ? tooLongStart : TableReaders.startOf(value);
            cellTooLong = false;
        } else if (value.indexOf('\u0000') >= 0) {
            refuse(TableReaders.nulCharacter(recordLine, TableReaders.columnName(headers, cellCount)));
        }
        recordChars += value.length();
        if (cellCount == TableReaders.MAX_CELLS_PER_ROW || recordChars > maxRowChars) {
            // The row is refused; the cells past the limit are dropped, so that it stays bounded.
            refuse(
                    cellCount == TableReaders.MAX_CELLS_PER_ROW
                            ? TableReaders.tooManyCells(recordLine)
                            : TableReaders.rowTooLong(recordLine, maxRowChars));
            resetPending();
            return;
        }
        if (cellCount == cells.length) {
            cells = Arrays.copyOf(cells, cellCount * 2);
        }
        cells[cellCount++] = value;
        resetPending();
    }

    /** Past the limit, the cell's text read so far is dropped (its start kept), and so is each part read after it. */
    private void checkLength(int length) {
        if (length > maxCellChars) {
            if (!cellTooLong) {
                cellTooLong = true;
                tooLongStart = TableReaders.startOf(pending);
            }
            pending.setLength(0);
            quotedLength = 0;
        }
    }

    private void refuse(String problem) {
        if (recordProblem == null) {
            recordProblem = problem;
        }
    }

    private void resetPending() {
        if (pendingUsed) {
            pending.setLength(0);
            pendingUsed = false;
        }
        quotedLength = 0;
    }

    private boolean isBlankRecord() {
        for (int i = 0; i < cellCount; i++) {
            if (!cells[i].isBlank()) {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        bufferStart += limit;
        pos = 0;
        int n = reader.read(buf, 0, buf.length);
        limit = Math.max(n, 0);
        return n > 0;
    }

    /** Whitespace around unquoted cells, including the ideographic space Chinese input methods type. */
    private static boolean isTrimmed(char c) {
        return c <= ' ' || c == '\u3000' || c == '\u00A0';
    }
}
