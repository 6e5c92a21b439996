package dev.retain.platform;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one way the product writes CSV: RFC 4180 quoting, CRLF line ends, and cells that a spreadsheet would run as a
 * formula neutralised.
 *
 * <p>Excel, WPS and LibreOffice evaluate a cell starting with {@code = + - @}, a tab or a carriage return (CSV
 * injection). Such a text cell is written as the OWASP cheat sheet advises: prefixed with a single quote and quoted,
 * so it shows as text. Only text is neutralised: numbers the product computes ({@link Number} values) are written as
 * numbers, and so is text that is nothing but a signed decimal number ({@code -12.50}, {@code +3}), which a
 * spreadsheet reads as a number and cannot run.
 */
public final class CsvWriter implements Flushable {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final Writer out;

    private CsvWriter(Writer out) {
        this.out = out;
    }

    /**
     * For files people open in Excel: UTF-8 with a byte-order mark, without which Excel shows Chinese text as
     * mojibake. Flush when done; the stream is not closed.
     */
    public static CsvWriter forExcel(OutputStream stream) {
        CsvWriter csv = new CsvWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        csv.write("\uFEFF");
        return csv;
    }

    /** Writes to {@code out} as is (no byte-order mark); for files read by programs. */
    public static CsvWriter to(Writer out) {
        return new CsvWriter(out);
    }

    /** Writes one row; {@code null} is an empty cell. */
    public CsvWriter row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    /** Writes one row; {@code null} is an empty cell. */
    public CsvWriter row(List<?> cells) {
        StringBuilder line = new StringBuilder(16 * cells.size() + 2);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            appendCell(line, cells.get(i));
        }
        write(line.append("\r\n"));
        return this;
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell as it is written, quoted and neutralised as needed. */
    static String cell(Object value) {
        StringBuilder text = new StringBuilder();
        appendCell(text, value);
        return text.toString();
    }

    private static void appendCell(StringBuilder line, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Number number) {
            line.append(number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString());
            return;
        }
        String text = value.toString();
        boolean formula = startsLikeFormula(text);
        if (formula || needsQuotes(text)) {
            line.append('"');
            if (formula) {
                line.append('\'');
            }
            line.append(text.replace("\"", "\"\"")).append('"');
        } else {
            line.append(text);
        }
    }

    private static boolean startsLikeFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        boolean trigger =
                first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return trigger && !PLAIN_NUMBER.matcher(text).matches();
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void write(CharSequence text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
