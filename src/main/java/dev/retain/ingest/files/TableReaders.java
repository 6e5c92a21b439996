package dev.retain.ingest.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens an uploaded table by what the file contains rather than what it is called: back offices routinely hand out
 * CSV named .xls, and users rename files. Zip and OLE2 containers go to the XLSX reader (which explains encrypted and
 * old .xls workbooks); everything else is read as delimited text.
 */
public final class TableReaders {

    /** 64 K characters: far beyond any real cell (Excel stops at 32,767), yet small enough to hold. */
    public static final int DEFAULT_MAX_CELL_CHARS = 64 * 1024;

    /** Column XFD, the widest sheet Excel allows. */
    static final int MAX_CELLS_PER_ROW = 16_384;

    private static final int SHOWN_OF_LONG_CELL = 100;

    private TableReaders() {}

    /** Opens a CSV/TSV/TXT or XLSX file, guessing a CSV's charset. */
    public static TableReader open(Path file) throws IOException {
        return open(file, null, DEFAULT_MAX_CELL_CHARS, SharedStringTable.IN_MEMORY_CHARS);
    }

    /** Opens a CSV/TSV/TXT or XLSX file, refusing rows with a cell longer than {@code maxCellChars}. */
    public static TableReader open(Path file, int maxCellChars) throws IOException {
        return open(file, null, maxCellChars, SharedStringTable.IN_MEMORY_CHARS);
    }

    /**
     * The same, keeping at most {@code inMemoryStringChars} of an XLSX workbook's shared strings in memory and the rest
     * in a temporary file, deleted when the reader is closed.
     */
    public static TableReader open(Path file, int maxCellChars, long inMemoryStringChars) throws IOException {
        return open(file, null, maxCellChars, inMemoryStringChars);
    }

    /** Opens a CSV/TSV/TXT or XLSX file; {@code csvCharsetOrNull} overrides charset detection for text files. */
    public static TableReader open(Path file, Charset csvCharsetOrNull) throws IOException {
        return open(file, csvCharsetOrNull, DEFAULT_MAX_CELL_CHARS, SharedStringTable.IN_MEMORY_CHARS);
    }

    private static TableReader open(Path file, Charset csvCharsetOrNull, int maxCellChars, long inMemoryStringChars)
            throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(512);
        }
        if (isContainer(head)) {
            return XlsxTableReader.open(file, maxCellChars, inMemoryStringChars);
        }
        if (isMarkup(head)) {
            throw new UnreadableFileException(
                    "a web page or XML file, not CSV or XLSX; open it in Excel, save it as .xlsx and import it again");
        }
        return CsvTableReader.open(Files.newInputStream(file), Files.size(file), csvCharsetOrNull, maxCellChars);
    }

    /** Why a row was refused for a cell over the limit, naming the row. */
    static String cellTooLong(long row, int maxCellChars) {
        return String.format(Locale.ROOT, "row %d has a cell longer than %,d characters, the limit", row, maxCellChars);
    }

    /** The same, naming the column too. */
    static String cellTooLong(long row, int maxCellChars, String column) {
        return cellTooLong(row, maxCellChars) + " (column " + column + ")";
    }

    /** Why a row was refused for holding more cells than any spreadsheet has columns (Excel stops at XFD). */
    static String tooManyCells(long row) {
        return String.format(Locale.ROOT, "row %d has more than %,d cells, the limit", row, MAX_CELLS_PER_ROW);
    }

    /** Why a row was refused for holding more text than {@code maxRowChars} altogether. */
    static String rowTooLong(long row, long maxRowChars) {
        return String.format(Locale.ROOT, "row %d is longer than %,d characters, the limit", row, maxRowChars);
    }

    /** The most text one row may hold: that of 16 cells at the limit, so a row of many long cells stays bounded too. */
    static long maxRowChars(int maxCellChars) {
        return 16L * maxCellChars;
    }

    /** Why a row was refused for a NUL character, which no text column can hold. */
    static String nulCharacter(long row, String column) {
        return "row " + row + " has a NUL character (\\u0000) in column " + column + ", which text cannot hold";
    }

    /** What a refused over-long cell shows of itself among the rejected rows: its start. */
    static String startOf(CharSequence cell) {
        return cell.subSequence(0, Math.min(cell.length(), SHOWN_OF_LONG_CELL)) + "…";
    }

    /** A column's name for a message: its header, or its number while the header row itself is read. */
    static String columnName(List<String> headers, int column) {
        return headers != null && column < headers.size() ? headers.get(column) : "column " + (column + 1);
    }

    /** A zip ("PK\3\4", XLSX) or OLE2 compound file (encrypted XLSX, legacy XLS). */
    private static boolean isContainer(byte[] head) {
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean ole2 = head.length >= 4
                && (head[0] & 0xFF) == 0xD0
                && (head[1] & 0xFF) == 0xCF
                && head[2] == 0x11
                && (head[3] & 0xFF) == 0xE0;
        return zip || ole2;
    }

    /**
     * Many Chinese back offices export an HTML table or an Excel 2003 XML spreadsheet named .xls; read as text it
     * would import markup as data.
     */
    private static boolean isMarkup(byte[] head) {
        int i = 0;
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < head.length && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) {
            i++;
        }
        if (i >= head.length || head[i] != '<') {
            return false;
        }
        String start = new String(head, i, head.length - i, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return start.startsWith("<?xml")
                || start.startsWith("<!doctype")
                || start.contains("<html")
                || start.contains("<table");
    }
}
