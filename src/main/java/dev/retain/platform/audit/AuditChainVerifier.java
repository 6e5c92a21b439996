package dev.retain.platform.audit;

import dev.retain.platform.audit.ChainVerification.Break;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the audit chain in order, recomputing every hash: an entry changed, removed or inserted out of turn breaks
 * the chain at that entry; entries removed from the end no longer reach the recorded head. Gaps left by retention are
 * bridged by the anchors kept when the months were dropped.
 */
@Service
class AuditChainVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    AuditChainVerifier(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        // entries, anchors and head read as of one moment, while appends go on
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    ChainVerification verify() {
        return snapshot.execute(status -> walk());
    }

    private ChainVerification walk() {
        Map<Long, byte[]> anchors = jdbc
                .sql("select seq, hash from audit_chain_anchors")
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getBytes(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        var walk = new Walk(anchors);
        jdbc.sql("""
                        select seq, id, at, actor, action, entity_type, entity_id, before::text, after::text,
                               prev_hash, hash, chain_version, before_digest, after_digest, redacted_at is not null
                        from audit_log order by seq, id""").withFetchSize(1_000).query(rs -> {
            if (walk.broken == null) {
                walk.next(new AuditChainEntry(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getBytes(10),
                        rs.getBytes(11),
                        rs.getInt(12),
                        rs.getBytes(13),
                        rs.getBytes(14),
                        rs.getBoolean(15)));
            }
        });
        if (walk.broken != null) {
            return new ChainVerification(walk.entries, walk.newestAt(), null, walk.broken);
        }
        var head = jdbc.sql("select seq, hash from audit_chain")
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getBytes(2)))
                .single();
        boolean reachesHead = walk.last == null
                ? head.getKey() == 0 || Arrays.equals(anchors.get(head.getKey()), head.getValue())
                : walk.last.seq() == head.getKey() && Arrays.equals(walk.last.hash(), head.getValue());
        if (!reachesHead) {
            Break broken = walk.last == null
                    ? new Break(null, null, head.getKey(), "entries up to the newest are missing")
                    : new Break(
                            walk.last.id(),
                            walk.last.at(),
                            walk.last.seq(),
                            "the chain goes on to entry " + head.getKey() + ", which is missing");
            return new ChainVerification(walk.entries, walk.newestAt(), null, broken);
        }
        return new ChainVerification(walk.entries, walk.newestAt(), HEX.formatHex(head.getValue()), null);
    }

    /** The walk's state: the entry before, entries checked, and the first break. */
    private static final class Walk {

        private final Map<Long, byte[]> anchors;
        private AuditChainEntry last;
        private long entries;
        private Break broken;

        Walk(Map<Long, byte[]> anchors) {
            this.anchors = anchors;
        }

        void next(AuditChainEntry entry) {
            byte[] expectedPrevious = expectedPrevious(entry);
            if (last != null && entry.seq() <= last.seq()) {
                breakAt(entry, "another entry holds its place in the chain");
            } else if (expectedPrevious == null) {
                breakAt(entry, "the entries before it are missing");
            } else if (!Arrays.equals(entry.prevHash(), expectedPrevious)) {
                breakAt(entry, "it does not follow the entry before it");
            } else if (!contentChecks(entry, expectedPrevious)) {
                breakAt(entry, "its content does not match its hash");
            } else {
                entries++;
                last = entry;
            }
        }

        /**
         * A version 2 entry: its snapshots match their digests (unless redacted) and the digests its hash. A redacted
         * version 1 entry's hash covered the text that is gone: only its place in the chain is checked.
         */
        private static boolean contentChecks(AuditChainEntry entry, byte[] previous) {
            if (entry.version() == 1) {
                return entry.redacted() || Arrays.equals(entry.hash(), AuditChainHash.of(previous, entry));
            }
            boolean snapshotsMatch = entry.redacted()
                    ? entry.before() == null && entry.after() == null
                    : Arrays.equals(AuditChainHash.digest(entry.before()), entry.beforeDigest())
                            && Arrays.equals(AuditChainHash.digest(entry.after()), entry.afterDigest());
            return snapshotsMatch && Arrays.equals(entry.hash(), AuditChainHash.of(previous, entry));
        }

        private byte[] expectedPrevious(AuditChainEntry entry) {
            if (last != null && entry.seq() == last.seq() + 1) {
                return last.hash();
            }
            if (entry.seq() == 1) {
                return AuditChainHash.GENESIS;
            }
            return anchors.get(entry.seq() - 1);
        }

        Instant newestAt() {
            return last == null ? null : last.at();
        }

        private void breakAt(AuditChainEntry entry, String reason) {
            broken = new Break(entry.id(), entry.at(), entry.seq(), reason);
        }
    }
}
