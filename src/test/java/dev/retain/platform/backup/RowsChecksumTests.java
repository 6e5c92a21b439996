package dev.retain.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowsChecksumTests {

    @Test
    void theOrderOfTheRowsDoesNotMatterTheirContentDoes() throws IOException {
        RowsChecksum one = of("1\t王芳\n2\tLi\n3\t\\N\n");
        RowsChecksum other = of("3\t\\N\n1\t王芳\n2\tLi\n");

        assertThat(one.rows()).isEqualTo(3);
        assertThat(other.checksum()).isEqualTo(one.checksum());
        assertThat(of("1\t王芳\n2\tLI\n3\t\\N\n").checksum()).isNotEqualTo(one.checksum());
        assertThat(of("1\t王芳\n2\tLi\n3\t\\N\n3\t\\N\n").checksum())
                .as("a row twice")
                .isNotEqualTo(one.checksum());
    }

    @Test
    void rowsSplitAcrossWritesCountOnce() throws IOException {
        String rows = "1\tfirst row\n2\tsecond row\n";
        byte[] bytes = rows.getBytes(StandardCharsets.UTF_8);
        var piecewise = new RowsChecksum();
        for (int i = 0; i < bytes.length; i += 3) {
            piecewise.write(bytes, i, Math.min(3, bytes.length - i));
        }
        var bytewise = new RowsChecksum();
        for (byte b : bytes) {
            bytewise.write(b);
        }

        assertThat(piecewise.rows()).isEqualTo(2);
        assertThat(piecewise.checksum()).isEqualTo(of(rows).checksum()).isEqualTo(bytewise.checksum());
    }

    private static RowsChecksum of(String rows) throws IOException {
        var checksum = new RowsChecksum();
        checksum.write(rows.getBytes(StandardCharsets.UTF_8));
        return checksum;
    }
}
