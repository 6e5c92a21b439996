package dev.retain.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * An audit entry's hash: SHA-256 over the previous entry's hash and the entry's canonical text. The database computes
 * the same on insert ({@code audit_entry_hash} in V33, {@code audit_entry_hash_v2} in V52); this independent copy is
 * what verification trusts.
 */
final class AuditChainHash {

    /** What the first entry of the chain follows. */
    static final byte[] GENESIS = new byte[32];

    private AuditChainHash() {}

    static byte[] of(byte[] previous, AuditChainEntry entry) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous);
            String text = entry.version() == 1 ? canonicalText(entry) : canonicalTextOfDigests(entry);
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The digest of a snapshot as PostgreSQL prints it, or null for none. */
    static byte[] digest(String snapshot) {
        if (snapshot == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(snapshot.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Version 2: the version, then as version 1, with the snapshots' digests in hex (or {@code -}) for their text. */
    static String canonicalTextOfDigests(AuditChainEntry entry) {
        return "2\n" + entry.seq() + "\n" + entry.id() + "\n" + micros(entry.at()) + "\n" + field(entry.actor()) + "\n"
                + field(entry.action()) + "\n" + field(entry.entityType()) + "\n" + field(entry.entityId()) + "\n"
                + hex(entry.beforeDigest()) + "\n" + hex(entry.afterDigest());
    }

    private static String hex(byte[] digest) {
        return digest == null ? "-" : HexFormat.of().formatHex(digest);
    }

    /**
     * Seq, id and time (microseconds since 1970) as numbers, then each text field as {@code <UTF-8 bytes>:<value>} or
     * {@code -} for null, one per line: no two different entries share a text. JSON is as PostgreSQL prints jsonb.
     */
    static String canonicalText(AuditChainEntry entry) {
        return entry.seq() + "\n" + entry.id() + "\n" + micros(entry.at()) + "\n" + field(entry.actor()) + "\n"
                + field(entry.action()) + "\n" + field(entry.entityType()) + "\n" + field(entry.entityId()) + "\n"
                + field(entry.before()) + "\n" + field(entry.after());
    }

    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    private static String field(String value) {
        return value == null ? "-" : value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
    }
}
