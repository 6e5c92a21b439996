package dev.retain.ingest.files;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * Reads the first sheet of an XLSX workbook by pulling its sheet XML with StAX, so a million-row sheet streams through
 * in constant memory (the styles are loaded; the shared strings too while small, else they are read from a temporary
 * file). Cells come back as the text a user would expect
 * to see: whole numbers without ".0", dates as ISO dates, formulas as their cached results.
 */
public final class XlsxTableReader implements TableReader {

    private static final byte[] OLE2_MAGIC = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    /** Column XFD, the widest sheet Excel allows; guards against absurd cell references. */
    private static final int MAX_COLUMNS = TableReaders.MAX_CELLS_PER_ROW;
    /** Excel shows 15 significant digits; past them a double is binary noise (0.1 + 0.2 = 0.30000000000000004). */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final OPCPackage pkg;
    private final SharedStringTable strings;
    private final int maxCellChars;
    private final boolean[] dateStyles;
    private final boolean date1904;
    private final InputStream sheet;
    private final CountingInputStream sheetCounter;
    private final long sheetSize;
    private final long totalBytes;
    private final XMLStreamReader xml;

    private List<String> headers;
    private String[] row = new String[16];
    private int width;
    private long sheetRow;
    private long rowNumber;
    private boolean finished;
    /** Why the row being read is refused, or null; and that of the row last returned. */
    private String sheetRowProblem;

    private String rowProblem;
    /** Characters of the row's cells so far, against the limit of a row. */
    private long sheetRowChars;

    private XlsxTableReader(OPCPackage pkg, long totalBytes, int maxCellChars, SharedStringTable strings)
            throws IOException, OpenXML4JException, XMLStreamException {
        this.pkg = pkg;
        this.totalBytes = totalBytes;
        this.maxCellChars = maxCellChars;
        this.strings = strings;
        XSSFReader reader = new XSSFReader(pkg);
        dateStyles = dateStyles(reader.getStylesTable());
        date1904 = usesDate1904(reader);
        XSSFReader.SheetIterator sheets = reader.getSheetIterator();
        if (!sheets.hasNext()) {
            throw new UnreadableFileException("not a valid XLSX file: it has no worksheet");
        }
        sheet = sheets.next();
        sheetSize = sheets.getSheetPart().getSize();
        sheetCounter = new CountingInputStream(sheet);
        xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheetCounter);
    }

    /** Opens the first sheet and reads its header row. */
    public static XlsxTableReader open(Path file) throws IOException {
        return open(file, TableReaders.DEFAULT_MAX_CELL_CHARS, SharedStringTable.IN_MEMORY_CHARS);
    }

    /** The same, refusing rows with a cell longer than {@code maxCellChars}. */
    public static XlsxTableReader open(Path file, int maxCellChars) throws IOException {
        return open(file, maxCellChars, SharedStringTable.IN_MEMORY_CHARS);
    }

    /** The same, keeping at most {@code inMemoryStringChars} of shared strings in memory, the rest in a temporary file. */
    public static XlsxTableReader open(Path file, int maxCellChars, long inMemoryStringChars) throws IOException {
        rejectOle2(file);
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OpenXML4JException | RuntimeException e) {
            throw new UnreadableFileException("not a valid XLSX file: " + e.getMessage(), e);
        }
        SharedStringTable strings = null;
        try {
            strings = SharedStringTable.read(pkg, inMemoryStringChars, maxCellChars);
            XlsxTableReader xlsx = new XlsxTableReader(pkg, Files.size(file), maxCellChars, strings);
            xlsx.readHeader();
            return xlsx;
        } catch (UnreadableFileException e) {
            discard(pkg, strings);
            throw e;
        } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
            discard(pkg, strings);
            throw new UnreadableFileException("not a valid XLSX file: " + e.getMessage(), e);
        }
    }

    private static void discard(OPCPackage pkg, SharedStringTable strings) throws IOException {
        pkg.revert();
        if (strings != null) {
            strings.close();
        }
    }

    /**
     * Excel saves a password-protected workbook as an OLE2 container holding the encrypted package, the same container
     * format as old .xls files; both get a message saying what to do instead of a zip error.
     */
    private static void rejectOle2(Path file) throws IOException {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(OLE2_MAGIC.length);
        }
        if (!Arrays.equals(magic, OLE2_MAGIC)) {
            return;
        }
        boolean encrypted;
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            encrypted = fs.getRoot().hasEntry("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException("not a valid XLSX file: " + e.getMessage(), e);
        }
        throw new UnreadableFileException(
                encrypted
                        ? "the XLSX file is password-protected; remove the password in Excel and import it again"
                        : "an Excel 97-2003 (.xls) workbook; save it as .xlsx or CSV and import it again");
    }

    @Override
    public List<String> headers() {
        return headers;
    }

    @Override
    public String[] next() throws IOException {
        while (readRow()) {
            if (!isBlankRow()) {
                rowNumber = sheetRow;
                rowProblem = sheetRowProblem;
                return Arrays.copyOf(row, width);
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

    /** An estimate: the share of the sheet XML parsed so far, applied to the file size. */
    @Override
    public long bytesRead() {
        long read = sheetCounter.count();
        if (sheetSize <= 0) {
            return Math.min(read, totalBytes);
        }
        return Math.min(totalBytes, (long) ((double) read / sheetSize * totalBytes));
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public void close() throws IOException {
        finished = true;
        try {
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        } finally {
            try {
                sheet.close();
            } finally {
                discard(pkg, strings);
            }
        }
    }

    private void readHeader() throws IOException {
        String[] cells = next();
        if (cells == null) {
            throw new UnreadableFileException("the first sheet is empty");
        }
        if (rowProblem != null) {
            throw new UnreadableFileException("the header row cannot be read: " + rowProblem);
        }
        String[] names = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String name = cells[i].strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            names[i] = name.isEmpty() ? "column " + (i + 1) : name;
        }
        headers = List.of(names);
    }

    private boolean readRow() throws IOException {
        if (finished) {
            return false;
        }
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                    parseRow();
                    return true;
                }
                if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(xml.getLocalName())) {
                    break;
                }
            }
        } catch (XMLStreamException e) {
            throw new IOException("the sheet is damaged after row " + sheetRow + ": " + e.getMessage(), e);
        }
        finished = true;
        return false;
    }

    private void parseRow() throws XMLStreamException, IOException {
        String r = xml.getAttributeValue(null, "r");
        sheetRow = r != null ? rowNumberOf(r) : sheetRow + 1;
        sheetRowProblem = null;
        sheetRowChars = 0;
        width = 0;
        int column = 0;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                if ("c".equals(xml.getLocalName())) {
                    column = parseCell(column) + 1;
                } else {
                    skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        while (width > 0 && row[width - 1].isEmpty()) {
            width--;
        }
    }

    /** Reads a {@code <c>} element into {@code row} and returns its column; cells without a reference follow on. */
    private int parseCell(int nextColumn) throws XMLStreamException, IOException {
        String ref = xml.getAttributeValue(null, "r");
        int column = ref != null ? columnOf(ref) : nextColumn;
        String type = xml.getAttributeValue(null, "t");
        String style = xml.getAttributeValue(null, "s");
        String value = null;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("v".equals(name)) {
                    value = boundedText();
                } else if ("is".equals(name)) {
                    value = inlineText();
                } else {
                    skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                break;
            }
        }
        String text = value == null ? "" : cellText(type, style, value);
        if (text.length() > maxCellChars) {
            refuse(TableReaders.cellTooLong(sheetRow, maxCellChars, TableReaders.columnName(headers, column)));
            text = TableReaders.startOf(text);
        } else if (text.indexOf('\u0000') >= 0) {
            refuse(TableReaders.nulCharacter(sheetRow, TableReaders.columnName(headers, column)));
        }
        sheetRowChars += text.length();
        if (sheetRowChars > TableReaders.maxRowChars(maxCellChars)) {
            refuse(TableReaders.rowTooLong(sheetRow, TableReaders.maxRowChars(maxCellChars)));
            text = "";
        }
        put(column, text);
        return column;
    }

    private String cellText(String type, String style, String value) throws IOException {
        if (type == null) {
            return number(value, style);
        }
        switch (type) {
            case "s":
                int index = sharedStringIndex(value);
                return index >= 0 && index < strings.count() ? strings.at(index) : "";
            case "b":
                return "1".equals(value.trim()) || "true".equalsIgnoreCase(value.trim()) ? "TRUE" : "FALSE";
            case "d":
                return isoDate(value);
            case "n":
                return number(value, style);
            default:
                // "str" (a formula's text result), "inlineStr" and "e" (an error such as #N/A) read as written.
                return value;
        }
    }

    private String number(String value, String style) {
        BigDecimal number;
        try {
            number = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return value;
        }
        int styleIndex = style == null ? 0 : Integer.parseInt(style.trim());
        if (styleIndex < dateStyles.length && dateStyles[styleIndex]) {
            double serial = number.doubleValue();
            if (DateUtil.isValidExcelDate(serial)) {
                LocalDateTime dateTime = DateUtil.getLocalDateTime(serial, date1904, true);
                if (serial < 1) {
                    return dateTime.toLocalTime().format(TIME);
                }
                return dateTime.toLocalTime().equals(LocalTime.MIDNIGHT)
                        ? dateTime.format(DATE)
                        : dateTime.format(DATE_TIME);
            }
        }
        return number.round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
    }

    /** Cells of type "d" hold ISO 8601 text; shown like the numeric dates. */
    private static String isoDate(String value) {
        try {
            LocalDateTime dateTime = LocalDateTime.parse(value.trim().replace("Z", ""));
            return dateTime.toLocalTime().equals(LocalTime.MIDNIGHT)
                    ? dateTime.format(DATE)
                    : dateTime.withNano(0).format(DATE_TIME);
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /** The text of an inline string, leaving out phonetic guides ({@code rPh}); bounded like {@link #boundedText()}. */
    private String inlineText() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if ("t".equals(name)) {
                    text.append(boundedText());
                    if (text.length() > maxCellChars) {
                        text.setLength(maxCellChars + 1);
                    }
                } else if ("rPh".equals(name)) {
                    skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && "is".equals(xml.getLocalName())) {
                return text.toString();
            }
        }
    }

    /**
     * The text of the element whose start was just read, up to one character past the limit: enough to tell that the
     * cell is too long without holding all of it.
     */
    private String boundedText() throws XMLStreamException {
        return SharedStringTable.boundedText(xml, maxCellChars + 1);
    }

    private void refuse(String problem) {
        if (sheetRowProblem == null) {
            sheetRowProblem = problem;
        }
    }

    private long rowNumberOf(String reference) throws IOException {
        try {
            return Long.parseLong(reference.trim());
        } catch (NumberFormatException e) {
            throw new UnreadableFileException(
                    "not a valid XLSX file: row number " + reference + " after row " + sheetRow);
        }
    }

    /** A shared string's index; a damaged one reads as an empty cell rather than failing the file. */
    private static int sharedStringIndex(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Skips past the end of the element whose start was just read. */
    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private void put(int column, String value) {
        if (column >= row.length) {
            row = Arrays.copyOf(row, Math.max(column + 1, row.length * 2));
        }
        for (int i = width; i < column; i++) {
            row[i] = "";
        }
        row[column] = value;
        width = Math.max(width, column + 1);
    }

    private boolean isBlankRow() {
        for (int i = 0; i < width; i++) {
            if (!row[i].isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The 0-based column of a reference such as "AB12". */
    private int columnOf(String ref) throws IOException {
        int column = 0;
        int i = 0;
        while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
            column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            if (column > MAX_COLUMNS) {
                throw new UnreadableFileException("not a valid XLSX file: cell " + ref + " is beyond column XFD");
            }
            i++;
        }
        return column - 1;
    }

    /**
     * Which cell styles show numbers as dates. Besides what POI recognises, ids 27-36 and 50-58 are the built-in East
     * Asian date formats (such as yyyy"年"m"月"d"日") that files from Chinese Excel reference without defining.
     */
    private static boolean[] dateStyles(StylesTable styles) {
        if (styles == null) {
            return new boolean[0];
        }
        boolean[] dates = new boolean[styles.getNumCellStyles()];
        for (int i = 0; i < dates.length; i++) {
            XSSFCellStyle style = styles.getStyleAt(i);
            int format = style.getDataFormat() & 0xFFFF;
            dates[i] = (format >= 27 && format <= 36)
                    || (format >= 50 && format <= 58)
                    || DateUtil.isADateFormat(format, style.getDataFormatString());
        }
        return dates;
    }

    /** Workbooks from old Mac Excel count days from 1904 instead of 1900. */
    private static boolean usesDate1904(XSSFReader reader) throws IOException, OpenXML4JException, XMLStreamException {
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(workbook);
            try {
                while (xml.hasNext()) {
                    if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String name = xml.getLocalName();
                    if ("workbookPr".equals(name)) {
                        String date1904 = xml.getAttributeValue(null, "date1904");
                        return "1".equals(date1904) || "true".equalsIgnoreCase(date1904);
                    }
                    if ("sheets".equals(name)) {
                        return false;
                    }
                }
                return false;
            } finally {
                xml.close();
            }
        }
    }
}
