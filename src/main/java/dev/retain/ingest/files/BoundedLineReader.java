package dev.retain.ingest.files;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads UTF-8 lines (LF or CRLF) holding at most a given number of bytes each. A longer line is skipped while it is
 * read, never held whole, and reported as too long, so one endless line cannot exhaust the memory.
 */
public final class BoundedLineReader implements Closeable {

    /** One line: its 1-based number and its text, or no text when it was longer than the limit. */
    public record Line(long number, String text) {

        public boolean tooLong() {
            return text == null;
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private byte[] buffer = new byte[8192];
    private long number;

    public BoundedLineReader(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        int length = 0;
        boolean tooLong = false;
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b >= 0 && b != '\n') {
            if (length < maxBytes + 1) {
                // One byte beyond the limit is kept: it may be the CR of a CRLF line exactly at the limit.
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 1));
                }
                buffer[length++] = (byte) b;
            } else {
                tooLong = true;
            }
            b = in.read();
        }
        number++;
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        if (tooLong || length > maxBytes) {
            return new Line(number, null);
        }
        return new Line(number, new String(buffer, 0, length, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
