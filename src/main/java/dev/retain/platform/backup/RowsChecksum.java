package dev.retain.platform.backup;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts the rows of a table written by {@code COPY ... TO STDOUT} (text format: one line per row) and sums the
 * SHA-256 of each row modulo 2<sup>128</sup>: a checksum of the table's rows that does not depend on their order, so
 * that a table read back from another server (where the rows lie in another order) can be compared with the backup.
 */
final class RowsChecksum extends OutputStream {

    private final MessageDigest row = sha256();
    private long rows;
    private long high;
    private long low;

    @Override
    public void write(int b) {
        if (b == '\n') {
            endRow();
        } else {
            row.update((byte) b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                row.update(bytes, start, i - start);
                endRow();
                start = i + 1;
            }
        }
        row.update(bytes, start, end - start);
    }

    private void endRow() {
        byte[] digest = row.digest();
        long rowHigh = bigEndian(digest, 0);
        long rowLow = bigEndian(digest, 8);
        long sum = low + rowLow;
        high += rowHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
        low = sum;
        rows++;
    }

    long rows() {
        return rows;
    }

    String checksum() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    private static long bigEndian(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
