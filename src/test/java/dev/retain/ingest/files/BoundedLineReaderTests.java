package dev.retain.ingest.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTests {

    @Test
    void linesEndWithLfOrCrLfAndAreDecodedAsUtf8() throws IOException {
        try (var lines = new BoundedLineReader(stream("{\"a\":1}\r\n张三\n\nlast"), 100)) {
            assertThat(lines.next()).isEqualTo(new BoundedLineReader.Line(1, "{\"a\":1}"));
            assertThat(lines.next()).isEqualTo(new BoundedLineReader.Line(2, "张三"));
            assertThat(lines.next()).isEqualTo(new BoundedLineReader.Line(3, ""));
            assertThat(lines.next()).isEqualTo(new BoundedLineReader.Line(4, "last"));
            assertThat(lines.next()).isNull();
        }
    }

    @Test
    void aLineOverTheLimitIsReportedAndTheNextOneReadAsUsual() throws IOException {
        try (var lines = new BoundedLineReader(stream("12345\r\n123456\nok\n"), 5)) {
            assertThat(lines.next().text()).isEqualTo("12345");
            var tooLong = lines.next();
            assertThat(tooLong.tooLong()).isTrue();
            assertThat(tooLong.number()).isEqualTo(2);
            assertThat(lines.next()).isEqualTo(new BoundedLineReader.Line(3, "ok"));
        }
    }

    /** Twenty megabytes on one line pass through a reader allowed one kilobyte, which keeps at most that. */
    @Test
    void anEndlessLineIsSkippedWithoutBeingHeld() throws IOException {
        long size = 20L * 1024 * 1024;
        InputStream huge = new InputStream() {
            long served;

            @Override
            public int read() {
                return served++ < size ? 'x' : (served == size + 1 ? '\n' : -1);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served > size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - served);
                if (n == 0) {
                    b[off] = '\n';
                    served++;
                    return 1;
                }
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                served += n;
                return n;
            }
        };
        try (var lines = new BoundedLineReader(huge, 1024)) {
            assertThat(lines.next().tooLong()).isTrue();
            assertThat(lines.next()).isNull();
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(UTF_8));
    }
}
