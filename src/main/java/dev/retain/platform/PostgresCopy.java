package dev.retain.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Streams rows into a table with PostgreSQL's {@code COPY ... FROM STDIN} in text format, inside the caller's
 * transaction. The fastest way to load many rows; memory stays at one buffer.
 */
@Component
public class PostgresCopy {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final HexFormat HEX = HexFormat.of();

    private final DataSource dataSource;

    PostgresCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Copies the rows the producer writes into {@code table (columns)}; returns the row count. */
    public long into(String table, String columns, Consumer<Rows> producer) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
            var rows = new Rows(copy);
            try {
                producer.accept(rows);
                rows.flush();
                return copy.endCopy();
            } catch (RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Where a producer writes rows, one value per column, in column order. */
    public static final class Rows {
        private final CopyIn copy;
        private final StringBuilder line = new StringBuilder(256);
        private byte[] buffer = new byte[BUFFER_BYTES];
        private int length;

        private Rows(CopyIn copy) {
            this.copy = copy;
        }

        public void row(Object... values) {
            line.setLength(0);
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    line.append('\t');
                }
                appendValue(values[i]);
            }
            line.append('\n');
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            if (length + bytes.length > buffer.length) {
                flush();
                if (bytes.length > buffer.length) {
                    buffer = new byte[bytes.length];
                }
            }
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        private void appendValue(Object value) {
            if (value == null) {
                line.append("\\N");
            } else if (value instanceof BigDecimal decimal) {
                line.append(decimal.toPlainString());
            } else if (value instanceof Collection<?> items) {
                appendArray(items);
            } else if (value instanceof byte[] bytes) {
                // bytea in hex, its backslash escaped for COPY's text format
                line.append("\\\\x").append(HEX.formatHex(bytes));
            } else {
                appendEscaped(value.toString());
            }
        }

        private void appendArray(Collection<?> items) {
            var array = new StringBuilder("{");
            for (Object item : items) {
                if (array.length() > 1) {
                    array.append(',');
                }
                if (item == null) {
                    array.append("NULL");
                } else {
                    array.append('"')
                            .append(item.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                            .append('"');
                }
            }
            appendEscaped(array.append('}').toString());
        }

        private void appendEscaped(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
        }

        private void flush() {
            if (length == 0) {
                return;
            }
            try {
                copy.writeToCopy(buffer, 0, length);
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("COPY write failed: " + e.getMessage(), e));
            }
            length = 0;
        }
    }
}
